// A TypeScript program compiled by tsc (module node16) and run by Node: it uses the ES module
// consumer (typed.mts) and the CommonJS one (typed.cts), each loading its own build of the SDK.
import { firstFigure } from "./typed.cjs";
import { allFigures } from "./typed.mjs";

const endpoint = process.argv[2] ?? "";
const [figures, first] = await Promise.all([allFigures(endpoint), firstFigure(endpoint)]);
console.log(JSON.stringify({ figures: figures.length, firstId: first?.id ?? null }));
