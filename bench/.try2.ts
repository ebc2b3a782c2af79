import { load } from "./lib.js";
const REPRESENTATIVE = `query Representative {
  figures(first: 20) {
    totalCount
    edges { node {
      slug label value unit statedText
      normalized { value unit }
      metric { key name }
      place { slug name }
      evidence { text start end document { slug title outletName } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const url = `http://127.0.0.1:4556/graphql?query=${encodeURIComponent(REPRESENTATIVE)}`;
await fetch(url);
await load({ url, headers: { accept: "application/graphql-response+json" }, connections: 20, durationS: 5 });
const r = await load({ url, headers: { accept: "application/graphql-response+json" }, connections: 20, durationS: 10 });
console.log(r.rps.toFixed(0), "rps", r.p50.toFixed(1), "p50");
