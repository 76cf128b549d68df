"""``region.html``: one self-contained interactive page of the heat map — inline CSS and JavaScript, no external
address of any kind (no CDN, no fonts, no images; a Content-Security-Policy forbids loading anything), so it works
from ``file://`` on a computer without internet.

The page embeds one JSON blob (compact: indexes into lists of indicators, units, regions and types) and builds the
table's rows in JavaScript: a row per organisation in ranking order, a column per area (or factor: a select box
switches), each cell the number of risks on the colour of their highest level. Select boxes filter by region and
by organisation type; hovering an organisation's name shows all its risks, hovering a cell the risks of that cell
(indicator, unit, level). Rows are shown 300 at a time («Показать ещё»), so 10 000 organisations stay quick. The
most repeated indicators (systemic risks) follow the table.

Safety: the organisations' texts reach the page only inside the JSON blob, whose ``< > & : = ( ) @ '`` are
written as JSON escapes and ``/`` as ``\\/`` — the blob cannot close its ``<script>``, and no address, ``//``,
``src=``, ``url(`` or ``@import`` can appear in the page whatever the texts hold; the script puts text into the
page with ``textContent`` only. The few other values (dates, numbers, the rules) go through Jinja2's autoescaping.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2
from markupsafe import Markup

from vakr.region.aggregate import Column, RegionSummary
from vakr.region.xlsx_writer import dark

ROWS_PER_PAGE = 300
SYSTEMIC_SHOWN = 30
# Characters written as JSON escapes inside the blob (see the module docstring).
_ESCAPES = {ch: f"\\u{ord(ch):04x}" for ch in "<>&:=()@'\u2028\u2029"} | {"/": "\\/"}


def _blob(summary: RegionSummary) -> list[Any]:
    level_index = {level.code: i for i, level in enumerate(summary.levels)}
    columns: dict[tuple[str, str], int] = {}
    for kind, cols in (("org", summary.areas), ("npa", summary.factors)):
        for i, col in enumerate(cols):
            columns[(kind, col.code)] = i
    indicators: dict[str, int] = {}
    indicator_titles: list[str] = []
    units: dict[str, int] = {}
    regions = sorted({row.region for row in summary.organisations}, key=str.casefold)
    types = sorted({row.type_title for row in summary.organisations}, key=str.casefold)
    region_index = {r: i for i, r in enumerate(regions)}
    type_index = {t: i for i, t in enumerate(types)}

    def cells(row_cells: dict, cols: tuple[Column, ...]) -> list[int]:
        values = []
        for col in cols:
            cell = row_cells.get(col.code)
            values.append(cell.count * 16 + level_index[cell.level] + 1 if cell and cell.count else 0)
        return values

    orgs = []
    for row in summary.organisations:
        record = summary.records[row.index]
        risks = []
        for risk in sorted(record.risks, key=lambda r: r.rank):
            if risk.indicator not in indicators:
                indicators[risk.indicator] = len(indicators)
                indicator_titles.append(f"{risk.indicator_label}: {' '.join(risk.indicator_title.split())}")
            if risk.unit not in units:
                units[risk.unit] = len(units)
            risks.append([indicators[risk.indicator], units[risk.unit], level_index[risk.level],
                          0 if risk.direction == "org" else 1, columns.get((risk.direction, risk.group), -1)])
        orgs.append([row.rank, row.name, region_index[row.region], type_index[row.type_title], row.parent or "",
                     row.total, level_index[row.top_level] if row.top_level else -1,
                     cells(row.areas, summary.areas), cells(row.factors, summary.factors), risks])
    systemic = [[f"{s.indicator_label}: {' '.join(s.indicator_title.split())}", s.group_title, s.orgs,
                 f"{100 * s.share:.1f} %".replace(".", ","), s.risks, level_index[s.top_level]]
                for s in summary.systemic[:SYSTEMIC_SHOWN]]
    # An array of arrays, not an object: the JSON then has no colon of its own, and every ":" can be escaped.
    return [
        [[level.title, level.color, "#FFFFFF" if dark(level.color) else "#000000"] for level in summary.levels],
        [[col.number, col.title] for col in summary.areas],
        [[col.number, col.title] for col in summary.factors],
        indicator_titles, list(units), regions, types, orgs, ROWS_PER_PAGE, systemic,
    ]


def _json_for_script(data: list[Any]) -> str:
    """The blob as JSON safe inside ``<script type="application/json">`` (see the module docstring)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


# The page. No comment inside the script: «//» would look like a link to the scan of the page for URLs. The numbered
# columns of the table are spelled out under it (#columns), so the page reads without hovering and when printed.
_PAGE = jinja2.Environment(autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined).from_string(
    """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Картограмма коррупционных рисков: свод на {{ today }}</title>
<style>
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5em;color:#212121;font-size:14px}
h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.5em 0 .4em}
.filters{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-end;margin:1em 0}
.filters label{display:flex;flex-direction:column;font-size:.9em;gap:.2em}
select{font-size:1em;padding:2px 4px;max-width:28em}
#legend span{display:inline-block;padding:2px 8px;margin-right:4px;border-radius:3px}
table{border-collapse:collapse}
#heatmap th,#heatmap td{border:1px solid #fff;padding:3px 5px;text-align:center}
#heatmap thead th{background:#ECEFF1;font-weight:normal;font-size:.8em;vertical-align:bottom;max-width:7em}
#heatmap td.name{text-align:left;max-width:30em;cursor:help;background:#FAFAFA}
#heatmap td.cell{min-width:2.2em;cursor:help}
#heatmap td.empty{background:#F4F4F4}
#tooltip{position:fixed;display:none;z-index:10;background:#fff;border:1px solid #90A4AE;box-shadow:0 2px 8px #0003;
padding:8px 10px;max-width:46em;font-size:.85em;pointer-events:none}
#tooltip table td{border-bottom:1px solid #ECEFF1;padding:2px 6px;vertical-align:top;text-align:left}
#systemic td,#systemic th{border:1px solid #CFD8DC;padding:3px 6px;text-align:left;vertical-align:top}
#systemic th{background:#ECEFF1}
.note{color:#546E7A;font-size:.85em;max-width:70em}
button{font-size:1em}
</style></head>
<body>
<h1>Картограмма коррупционных рисков: свод организаций</h1>
<p>На {{ today }}. Организаций: {{ total }}; рисков: {{ risks }}.{% if failures %} Не удалось прочитать источников:
{{ failures }} (список — в region.xlsx, лист «О своде»).{% endif %}</p>
<p id="legend">Уровень риска: </p>
<div class="filters">
<label>Регион<select id="filter-region"><option value="">все регионы</option></select></label>
<label>Тип организации<select id="filter-type"><option value="">все типы</option></select></label>
<label>Столбцы<select id="filter-view"><option value="areas">сферы организационно-управленческой деятельности</option><option value="factors">коррупционные факторы в НПА</option></select></label>
<span id="shown"></span>
</div>
<p class="note">{{ ranking_rule }} Наведите указатель на организацию — её риски; на ячейку — риски этой сферы (фактора).</p>
<table id="heatmap"><thead></thead><tbody></tbody></table>
<p class="note" id="columns"></p>
<p><button id="more" type="button">Показать ещё</button></p>
<h2>Системные риски</h2>
<p class="note">{{ systemic_rule }}{% if systemic_more %} Показаны первые {{ systemic_shown }} из {{ systemic_more }}.{% endif %}</p>
<table id="systemic"><thead><tr><th>Индикатор</th><th>Сфера или фактор</th><th>Организаций</th><th>Доля</th><th>Рисков</th><th>Наивысший уровень</th></tr></thead><tbody></tbody></table>
<p id="no-systemic" hidden>Повторяющихся индикаторов нет.</p>
<div id="tooltip"></div>
<script type="application/json" id="data">{{ blob }}</script>
<script>
(function(){
"use strict";
var B=JSON.parse(document.getElementById("data").textContent);
var D={levels:B[0],areas:B[1],factors:B[2],indicators:B[3],units:B[4],regions:B[5],types:B[6],orgs:B[7],perPage:B[8],systemic:B[9]};
var fr=document.getElementById("filter-region"),ft=document.getElementById("filter-type"),fv=document.getElementById("filter-view");
var thead=document.querySelector("#heatmap thead"),tbody=document.querySelector("#heatmap tbody");
var more=document.getElementById("more"),shown=document.getElementById("shown"),tip=document.getElementById("tooltip");
var visible=[],limit=D.perPage;
function el(tag,text,cls){var e=document.createElement(tag);if(text!==undefined&&text!==null){e.textContent=String(text);}if(cls){e.className=cls;}return e;}
function paint(e,level){var l=D.levels[level];e.style.background=l[1];e.style.color=l[2];}
function options(select,names){names.forEach(function(n,i){var o=el("option",n);o.value=String(i);select.appendChild(o);});}
function cols(){return fv.value==="factors"?D.factors:D.areas;}
function header(){
  thead.textContent="";var tr=el("tr");
  tr.appendChild(el("th","Место"));tr.appendChild(el("th","Организация"));tr.appendChild(el("th","Рисков"));
  cols().forEach(function(c){var th=el("th",c[0]);th.title=c[0]+". "+c[1];tr.appendChild(th);});
  thead.appendChild(tr);
  document.getElementById("columns").textContent="Столбцы: "+cols().map(function(c){return c[0]+" — "+c[1];}).join("; ")+".";
}
function filter(){
  var r=fr.value,t=ft.value;visible=[];
  for(var i=0;i<D.orgs.length;i++){var o=D.orgs[i];
    if((r===""||o[2]===Number(r))&&(t===""||o[3]===Number(t))){visible.push(i);}}
}
function render(){
  tbody.textContent="";var k=fv.value==="factors"?8:7;var n=Math.min(limit,visible.length);
  for(var j=0;j<n;j++){var i=visible[j],o=D.orgs[i],tr=el("tr");tr.dataset.org=String(i);
    tr.appendChild(el("td",o[0]));
    var name=el("td",o[1],"name");name.dataset.col="all";tr.appendChild(name);
    var tot=el("td",o[5]);if(o[6]>=0){paint(tot,o[6]);}tr.appendChild(tot);
    o[k].forEach(function(v,c){var td;
      if(v===0){td=el("td","","cell empty");}else{td=el("td",Math.floor(v/16),"cell");paint(td,(v%16)-1);}
      td.dataset.col=String(c);tr.appendChild(td);});
    tbody.appendChild(tr);}
  shown.textContent="Показано: "+n+" из "+visible.length;
  more.style.display=n<visible.length?"":"none";
}
function update(){limit=D.perPage;filter();header();render();}
function risksOf(i,col){
  var o=D.orgs[i],kind=fv.value==="factors"?1:0;
  return o[9].filter(function(r){return col==="all"||(r[3]===kind&&r[4]===Number(col));});
}
function showTip(ev){
  var td=ev.target.closest("td");if(!td||!td.dataset.col){tip.style.display="none";return;}
  var i=Number(td.parentNode.dataset.org),o=D.orgs[i],col=td.dataset.col,list=risksOf(i,col);
  tip.textContent="";
  var title=o[1];if(col!=="all"){var c=cols()[Number(col)];title+=" — "+c[0]+". "+c[1];}
  tip.appendChild(el("strong",title));
  tip.appendChild(el("div",D.regions[o[2]]+"; "+D.types[o[3]]+(o[4]?"; вышестоящая организация — "+o[4]:"")));
  if(!list.length){tip.appendChild(el("div","Рисков нет."));}
  else{var t=el("table"),h=el("tr");["Индикатор","Подразделение","Уровень"].forEach(function(x){h.appendChild(el("td",x));});
    h.style.fontWeight="bold";t.appendChild(h);
    list.forEach(function(r){var tr=el("tr");tr.appendChild(el("td",D.indicators[r[0]]));tr.appendChild(el("td",D.units[r[1]]));
      var lv=el("td",D.levels[r[2]][0]);paint(lv,r[2]);tr.appendChild(lv);t.appendChild(tr);});
    tip.appendChild(t);}
  tip.style.display="block";
  var x=Math.min(ev.clientX+14,window.innerWidth-tip.offsetWidth-8),y=ev.clientY+14;
  if(y+tip.offsetHeight>window.innerHeight){y=Math.max(4,ev.clientY-tip.offsetHeight-14);}
  tip.style.left=Math.max(4,x)+"px";tip.style.top=y+"px";
}
var legend=document.getElementById("legend");
D.levels.slice().reverse().forEach(function(l,i){var s=el("span",l[0]);paint(s,D.levels.length-1-i);legend.appendChild(s);});
var none=el("span","нет рисков");none.style.background="#F4F4F4";legend.appendChild(none);
options(fr,D.regions);options(ft,D.types);
var sys=document.querySelector("#systemic tbody");
D.systemic.forEach(function(s){var tr=el("tr");for(var c=0;c<5;c++){tr.appendChild(el("td",s[c]));}
  var lv=el("td",D.levels[s[5]][0]);paint(lv,s[5]);tr.appendChild(lv);sys.appendChild(tr);});
if(!D.systemic.length){document.getElementById("systemic").hidden=true;document.getElementById("no-systemic").hidden=false;}
fr.addEventListener("change",update);ft.addEventListener("change",update);fv.addEventListener("change",update);
more.addEventListener("click",function(){limit+=D.perPage;render();});
tbody.addEventListener("mouseover",showTip);tbody.addEventListener("mousemove",showTip);
tbody.addEventListener("mouseleave",function(){tip.style.display="none";});
update();
})();
</script>
</body></html>
""")


def region_page(summary: RegionSummary) -> str:
    """``region.html`` of ``summary``: see the module docstring."""
    rules = summary.rules()
    return _PAGE.render(
        today=summary.today.strftime("%d.%m.%Y"), total=len(summary.organisations),
        risks=sum(row.total for row in summary.organisations), failures=len(summary.failures),
        ranking_rule=rules["ranking"], systemic_rule=rules["systemic"], systemic_shown=SYSTEMIC_SHOWN,
        systemic_more=len(summary.systemic) if len(summary.systemic) > SYSTEMIC_SHOWN else 0,
        blob=Markup(_json_for_script(_blob(summary))),
    )
