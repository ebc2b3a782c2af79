/**
 * The part of graphql-request's `GraphQLClient` that the generated `getSdk` calls. codegen.ts
 * points the generated code here instead of at graphql-request, whose declarations are ESM-only:
 * CommonJS TypeScript consumers (module node16) could not load the SDK's types otherwise. The
 * SDK's published types thus need nothing from graphql-request.
 */
export interface RequestOptions {
  document: string;
  variables?: object;
  requestHeaders?: HeadersInit;
  signal?: RequestInit["signal"];
}

export interface GraphQLClient {
  request<T>(options: RequestOptions): Promise<T>;
}
