/** Imports every domain module (each registers its types and queries) and builds the schema. */
import { builder } from "../builder.js";
import "./figure.js";
import "./figure-relation.js";
import "./metric.js";
import "./claim.js";
import "./document.js";
import "./quote.js";
import "./organisation.js";
import "./person.js";
import "./place.js";
import "./operation.js";
import "./event.js";
import "./legal-case.js";
import "./substance.js";
import "./mention.js";
import "./node.js";
import "./search.js";
import "./stats.js";
import "./dataset.js";
import "./rate-limit.js";
import { documentInputBounds } from "./shared/bounds.js";

// Every list and text argument states its bounds (checked before execution by plugins/argument-validation.ts).
export const schema = documentInputBounds(builder.toSchema({ sortSchema: true }));
