// Converts the npm package @etalab/decoupage-administratif into the compact
// tab-separated files read by Cotation at run time (data/*.tsv).
// Usage: node scripts/convert-reference-data.mjs PACKAGE_DIR OUT_DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [pkgDir, outDir] = process.argv.slice(2);
if (!pkgDir || !outDir) {
  console.error('usage : node convert-reference-data.mjs DOSSIER_PAQUET DOSSIER_SORTIE');
  process.exit(2);
}
const load = (name) => JSON.parse(readFileSync(join(pkgDir, 'data', name), 'utf8'));
const clean = (s) => String(s ?? '').replace(/[\t\n\r]/g, ' ');

// Current communes plus the municipal districts of Paris, Lyon and Marseille,
// whose INSEE codes (e.g. 13201) appear on FINESS and SIRENE addresses.
const communes = load('communes.json')
  .filter((c) => c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal')
  .sort((a, b) => a.code.localeCompare(b.code));
const lines = ['code\tnom\tdepartement\tregion\tpopulation'];
for (const c of communes) {
  lines.push([c.code, clean(c.nom), c.departement ?? '', c.region ?? '', c.population ?? ''].join('\t'));
}
writeFileSync(join(outDir, 'communes.tsv'), lines.join('\n') + '\n');

const deps = load('departements.json').sort((a, b) => a.code.localeCompare(b.code));
writeFileSync(join(outDir, 'departements.tsv'),
  ['code\tnom\tregion', ...deps.map((d) => [d.code, clean(d.nom), d.region].join('\t'))].join('\n') + '\n');

const regions = load('regions.json').sort((a, b) => a.code.localeCompare(b.code));
writeFileSync(join(outDir, 'regions.tsv'),
  ['code\tnom', ...regions.map((r) => [r.code, clean(r.nom)].join('\t'))].join('\n') + '\n');

// EPCI with their member communes, for intervention territories given as EPCI.
const epci = load('epci.json').sort((a, b) => a.code.localeCompare(b.code));
writeFileSync(join(outDir, 'epci.tsv'),
  ['code\tnom\ttype\tpopulation\tcommunes',
   ...epci.map((e) => [e.code, clean(e.nom), e.type, e.populationTotale ?? '',
                       e.membres.map((m) => m.code).sort().join(' ')].join('\t'))].join('\n') + '\n');

console.log(`${communes.length} communes, ${deps.length} départements, ${regions.length} régions, ${epci.length} EPCI`);
