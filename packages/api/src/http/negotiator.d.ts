// negotiator 1.x ships no types, and @types/negotiator describes 0.6, which lacks the
// `preferred` option used to break ties between equally acceptable encodings.
declare module "negotiator" {
  interface Options {
    /** Order for equally acceptable values (the server's preference). */
    preferred?: readonly string[];
  }
  class Negotiator {
    constructor(request: { headers: Record<string, string | readonly string[] | undefined> });
    encoding(available?: readonly string[], options?: Options): string | undefined;
    encodings(available?: readonly string[], options?: Options): string[];
  }
  export = Negotiator;
}
