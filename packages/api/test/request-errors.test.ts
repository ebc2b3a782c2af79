/**
 * Request-level errors (issue 9, "Safe on the open internet"): every request Yoga cannot run is
 * answered with a JSON error that has a code and a clean message, and nothing from inside (no
 * `originalError`, no stack, no fragment of a parser's message).
 */
import { describe, expect, it } from "vitest";
import { yoga } from "../src/yoga.js";

const ACCEPT = "application/graphql-response+json";

interface Sent {
  method?: string;
  path?: string;
  contentType?: string;
  body?: string;
}

async function send({ method = "POST", path = "/graphql", contentType = "application/json", body }: Sent) {
  const headers: Record<string, string> = { accept: ACCEPT };
  if (contentType) headers["content-type"] = contentType;
  const response = await yoga.fetch(`http://localhost${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[] },
  };
}

/** What the JSON parser, the multipart parser or a stack trace would leak. */
const INTERNALS =
  /originalError|stack|SyntaxError|JSON at position|Unexpected (token|end)|is not valid JSON|multipart data:|node_modules|\.js:\d+/;

/** A clean error: one error, a code, a message, nothing else. */
function expectClean(answer: Awaited<ReturnType<typeof send>>, status: number, code: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.text).not.toMatch(INTERNALS);
  const errors = answer.json.errors ?? [];
  expect(errors, answer.text).toHaveLength(1);
  const [error] = errors;
  expect(Object.keys(error!).filter((key) => key !== "locations")).toEqual(["message", "extensions"]);
  expect(error!.extensions).toEqual({ code });
  expect(error!.message).toMatch(/^\S.*\S$/);
  return error!;
}

describe("bodies that are not a GraphQL request", () => {
  it.each(["{bad json", "", '{"query": "{ dataset { version } }"', "{'query': 1}", "\u0000\u0001", "[1,"])(
    "answers the malformed JSON body %j with 400 BAD_REQUEST, without the parser's message",
    async (body) => {
      const error = expectClean(await send({ body }), 400, "BAD_REQUEST");
      expect(error.message).toBe("POST body sent invalid JSON.");
    },
  );

  it.each(["application/json", "*/*", ""])(
    "answers a malformed body with 400 whatever the client accepts (Accept: %j)",
    async (accept) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (accept) headers.accept = accept;
      const response = await yoga.fetch("http://localhost/graphql", { method: "POST", headers, body: "{bad json" });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({
        code: "BAD_REQUEST",
      });
    },
  );

  it.each([
    ['"x"', /^POST body is expected to be object/],
    ["42", /^POST body is expected to be object/],
    ["null", /^POST body is expected to be object/],
    ["[]", /^Batching is not supported\.$/],
    ['[{"query": "{ __typename }"}]', /^Batching is not supported\.$/],
    ['{"query": 1}', /^Expected "query" param to be a string/],
    ['{"query": ["{ __typename }"]}', /^Expected "query" param to be a string/],
    ["{}", /^Missing query/],
    ['{"query": "{ __typename }", "variables": 3}', /^Expected "variables" param to be empty or an object/],
    ['{"query": "{ __typename }", "variables": [1]}', /^Expected "variables" param to be empty or an object/],
    ['{"query": "{ __typename }", "extensions": "x"}', /^Expected "extensions" param to be empty or an object/],
    ['{"query": "{ __typename }", "unknown": 1}', /^Unexpected parameter "unknown"/],
  ])("answers %s with 400 BAD_REQUEST and a message saying what is wrong", async (body, message) => {
    const error = expectClean(await send({ body }), 400, "BAD_REQUEST");
    expect(error.message).toMatch(message);
  });

  it("keeps the code and status of a body over Yoga's size limit (413 REQUEST_ENTITY_TOO_LARGE)", async () => {
    const body = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(26_000_000) } });
    const error = expectClean(await send({ body }), 413, "REQUEST_ENTITY_TOO_LARGE");
    expect(error.message).toBe("Request body too large");
  });

  it("answers an operationName that names no operation with OPERATION_RESOLUTION_FAILURE", async () => {
    expectClean(
      await send({ body: '{"query": "query A { __typename }", "operationName": "B"}' }),
      400,
      "OPERATION_RESOLUTION_FAILURE",
    );
    expectClean(
      await send({ body: '{"query": "query A { __typename }", "operationName": 3}' }),
      400,
      "OPERATION_RESOLUTION_FAILURE",
    );
  });
});

describe("media types", () => {
  it.each([
    "text/plain",
    "application/xml",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
    "",
    "text/html; charset=utf-8",
  ])("answers a POST of %j with 415 BAD_REQUEST naming the types it takes", async (contentType) => {
    const body = contentType.startsWith("multipart")
      ? '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{bad\r\n--x--'
      : contentType.includes("urlencoded")
        ? `query=${encodeURIComponent("{ __typename }")}&variables=%7Bx`
        : '{"query": "{ __typename }"}';
    const answer = await send({ contentType, body });
    const error = expectClean(answer, 415, "BAD_REQUEST");
    expect(error.message).toMatch(/^Unsupported media type .*: send the operation as application\/json/);
  });

  it("still takes application/json with a charset, application/graphql+json and a bare application/graphql document", async () => {
    for (const [contentType, body] of [
      ["application/json; charset=utf-8", '{"query": "{ __typename }"}'],
      ["application/graphql+json", '{"query": "{ __typename }"}'],
      ["application/graphql", "{ __typename }"],
    ] as const) {
      const answer = await send({ contentType, body });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.json).toMatchObject({ data: { __typename: "Query" } });
    }
  });
});

describe("GET requests and methods", () => {
  it.each([
    ["query=%7B", 400, "GRAPHQL_PARSE_FAILED"],
    [`query=${encodeURIComponent("{ figures(first: ) { totalCount } }")}`, 400, "GRAPHQL_PARSE_FAILED"],
    [`query=${encodeURIComponent("{ noSuchField }")}`, 400, "GRAPHQL_VALIDATION_FAILED"],
    [`query=${encodeURIComponent("{ __typename }")}&variables=%7Bnot-json`, 400, "BAD_REQUEST"],
    [`query=${encodeURIComponent("{ __typename }")}&extensions=%5B1%5D`, 400, "BAD_REQUEST"],
    ["", 400, "BAD_REQUEST"],
    [`query=${encodeURIComponent("mutation { __typename }")}`, 405, "BAD_REQUEST"],
  ] as const)("answers GET /graphql?%s with %i %s", async (search, status, code) => {
    const answer = await send({ method: "GET", path: `/graphql?${search}`, contentType: "" });
    expectClean(answer, status, code);
  });

  it.each(["PUT", "DELETE", "PATCH"])("answers %s with 405 BAD_REQUEST", async (method) => {
    const error = expectClean(await send({ method, body: '{"query": "{ __typename }"}' }), 405, "BAD_REQUEST");
    expect(error.message).toBe("GraphQL only supports GET and POST requests.");
  });
});
