/** The SDK's version (kept equal to package.json's by a test); sent in the user-agent. */
export const VERSION = "0.1.0";
