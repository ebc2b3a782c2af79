-- Reading order, the default order of every figure list, is the document, then where the
-- figure's words start in it. That offset lived only in Evidence, so each page sorted every
-- matching figure on a join (P3d in bench/: 9.6× slower at 1M figures than at 1k). `position`
-- copies it into Figure, and the (documentId, position, id) index is that order, walked a page
-- at a time; (metricKey, documentId, position, id, periodStart, periodEnd) is the same order
-- within a metric, with the period tested in the index.
-- Written from `prisma migrate diff --from-migrations prisma/migrations --to-schema-datamodel
-- prisma/schema.prisma --script`, without its drops of the search index's FTS5 tables (which
-- Prisma does not model), and with the Figure search triggers re-created: dropping the old
-- table drops its triggers.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Figure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "metricKey" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "valueHigh" REAL,
    "scale" TEXT,
    "qualifier" TEXT NOT NULL,
    "unitText" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "normalizedValue" REAL NOT NULL,
    "normalizedValueHigh" REAL,
    "normalizedUnit" TEXT NOT NULL,
    "periodStart" TEXT,
    "periodEnd" TEXT,
    "periodPrecision" TEXT NOT NULL,
    "periodInferred" BOOLEAN NOT NULL,
    "periodBasis" TEXT,
    "placeId" TEXT,
    "statedByPersonId" TEXT,
    "statedByOrganisationId" TEXT,
    "note" TEXT,
    "evidenceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "claimId" TEXT,
    CONSTRAINT "Figure_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Figure_metricKey_fkey" FOREIGN KEY ("metricKey") REFERENCES "Metric" ("key") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Figure_unitKey_fkey" FOREIGN KEY ("unitKey") REFERENCES "Unit" ("key") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Figure_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Figure_statedByPersonId_fkey" FOREIGN KEY ("statedByPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Figure_statedByOrganisationId_fkey" FOREIGN KEY ("statedByOrganisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Figure_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Figure_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Figure" ("claimId", "documentId", "evidenceId", "id", "label", "metricKey", "normalizedUnit", "normalizedValue", "normalizedValueHigh", "note", "periodBasis", "periodEnd", "periodInferred", "periodPrecision", "periodStart", "placeId", "qualifier", "scale", "statedByOrganisationId", "statedByPersonId", "unitKey", "unitText", "value", "valueHigh", "position") SELECT "claimId", "documentId", "evidenceId", "id", "label", "metricKey", "normalizedUnit", "normalizedValue", "normalizedValueHigh", "note", "periodBasis", "periodEnd", "periodInferred", "periodPrecision", "periodStart", "placeId", "qualifier", "scale", "statedByOrganisationId", "statedByPersonId", "unitKey", "unitText", "value", "valueHigh",
    (SELECT "start" FROM "Evidence" WHERE "Evidence"."id" = "Figure"."evidenceId") FROM "Figure";
DROP TABLE "Figure";
ALTER TABLE "new_Figure" RENAME TO "Figure";
CREATE UNIQUE INDEX "Figure_evidenceId_key" ON "Figure"("evidenceId");
CREATE INDEX "Figure_metricKey_idx" ON "Figure"("metricKey");
CREATE INDEX "Figure_documentId_idx" ON "Figure"("documentId");
CREATE INDEX "Figure_placeId_idx" ON "Figure"("placeId");
CREATE INDEX "Figure_claimId_idx" ON "Figure"("claimId");
CREATE INDEX "Figure_periodStart_periodEnd_idx" ON "Figure"("periodStart", "periodEnd");
CREATE INDEX "Figure_normalizedValue_idx" ON "Figure"("normalizedValue");
CREATE INDEX "Figure_metricKey_periodStart_id_periodEnd_idx" ON "Figure"("metricKey", "periodStart", "id", "periodEnd");
CREATE INDEX "Figure_documentId_position_id_idx" ON "Figure"("documentId", "position", "id");
CREATE INDEX "Figure_metricKey_documentId_position_id_periodStart_periodEnd_idx" ON "Figure"("metricKey", "documentId", "position", "id", "periodStart", "periodEnd");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The search index triggers of Figure, as in 20261122010000_search_index (dropped with the old table).
CREATE TRIGGER "SearchIndex_Figure_ai" AFTER INSERT ON "Figure" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Figure', NEW."id", NEW."label",
        NEW."unitText" || ' ' || COALESCE(NEW."scale", '') || ' ' || replace(NEW."metricKey", '_', ' ') || ' ' || COALESCE(NEW."note", '')
    );
END;
CREATE TRIGGER "SearchIndex_Figure_ad" AFTER DELETE ON "Figure" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Figure' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Figure_au" AFTER UPDATE ON "Figure" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Figure' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Figure', NEW."id", NEW."label",
        NEW."unitText" || ' ' || COALESCE(NEW."scale", '') || ' ' || replace(NEW."metricKey", '_', ' ') || ' ' || COALESCE(NEW."note", '')
    );
END;
