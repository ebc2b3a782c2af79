/**
 * The shapes the page reads from the SDK. They are structural subsets of the SDK's generated
 * types (FigureFieldsFragment …), so the page depends only on the fields it shows.
 */
export interface Mark {
  role: string;
  text: string;
  start: number;
  end: number;
}

export interface Figure {
  id: string;
  slug: string;
  label: string;
  value: number;
  valueHigh: number | null;
  qualifier: string;
  scale: string | null;
  unit: string;
  unitKey: string;
  statedText: string;
  note: string | null;
  normalized: { value: number; valueHigh: number | null; unit: string };
  metric: { key: string; name: string; additive: boolean };
  period: { start: string | null; end: string | null; text: string; inferred: boolean; basis: string | null };
  place: { slug: string; name: string } | null;
  claim: { slug: string; title: string; status: string } | null;
  document: { slug: string; title: string };
  evidence: {
    text: string;
    start: number;
    end: number;
    document: { slug: string; title: string };
    marks: { edges: { node: Mark }[] };
  };
  citation: { short: string; long: string; datasetVersion: string };
  subjects: { edges: { node: { role: string; entity: { name: string } } }[] };
}

export interface Claim {
  slug: string;
  title: string;
  status: string;
  explanation: string;
}

export interface Dataset {
  title: string;
  version: string;
  license: string;
  licenseUrl: string | null;
  citation: string;
  builtAt: string;
  counts: { figures: number; documents: number; claims: number; contradictions: number; quotes: number };
}
