/**
 * The API as a server that does not know the SDK's persisted operations (an older or another
 * deployment): the same schema, context and production plugins as src/yoga.ts, with a persisted
 * operation store that holds only the playground's examples. The SDK's tests use it to prove that
 * its methods fall back to sending the document.
 */
import { createYoga } from "graphql-yoga";
import { getConfig } from "../../src/config.js";
import { createContext, type GraphQLContext } from "../../src/context.js";
import { productionPlugins } from "../../src/plugins/index.js";
import { loadPersistedOperations } from "../../src/plugins/persisted.js";
import { schema } from "../../src/schema/index.js";

export function apiWithoutSdkIds() {
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    context: () => createContext(),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    plugins: productionPlugins(getConfig(), schema, loadPersistedOperations({ sdk: [] })).plugins,
  });
}
