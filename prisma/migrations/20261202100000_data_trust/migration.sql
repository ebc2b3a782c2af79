-- AlterTable
ALTER TABLE "Place" ADD COLUMN "aliases" TEXT;

-- AlterTable
ALTER TABLE "Operation" ADD COLUMN "aliases" TEXT;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN "aliases" TEXT;

-- AlterTable
ALTER TABLE "LegalCase" ADD COLUMN "aliases" TEXT;

-- AlterTable
ALTER TABLE "Substance" ADD COLUMN "aliases" TEXT;

-- CreateTable
CREATE TABLE "FigureRelation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "figureId" TEXT NOT NULL,
    "otherId" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    CONSTRAINT "FigureRelation_figureId_fkey" FOREIGN KEY ("figureId") REFERENCES "Figure" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FigureRelation_otherId_fkey" FOREIGN KEY ("otherId") REFERENCES "Figure" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Mention" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "entityKind" TEXT NOT NULL,
    "personId" TEXT,
    "organisationId" TEXT,
    "placeId" TEXT,
    "substanceId" TEXT,
    "operationId" TEXT,
    "eventId" TEXT,
    "legalCaseId" TEXT,
    CONSTRAINT "Mention_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Mention_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Mention_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Mention_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Mention_substanceId_fkey" FOREIGN KEY ("substanceId") REFERENCES "Substance" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Mention_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Mention_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Mention_legalCaseId_fkey" FOREIGN KEY ("legalCaseId") REFERENCES "LegalCase" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Figure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "metricKey" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "value" REAL,
    "valueHigh" REAL,
    "scale" TEXT,
    "qualifier" TEXT NOT NULL,
    "unitText" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "normalizedValue" REAL,
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
    "countsTowardTotals" BOOLEAN NOT NULL DEFAULT true,
    "totalsNote" TEXT,
    CONSTRAINT "Figure_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Figure_metricKey_fkey" FOREIGN KEY ("metricKey") REFERENCES "Metric" ("key") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Figure_unitKey_fkey" FOREIGN KEY ("unitKey") REFERENCES "Unit" ("key") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Figure_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Figure_statedByPersonId_fkey" FOREIGN KEY ("statedByPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Figure_statedByOrganisationId_fkey" FOREIGN KEY ("statedByOrganisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Figure_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Figure_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Figure" ("claimId", "documentId", "evidenceId", "id", "label", "metricKey", "normalizedUnit", "normalizedValue", "normalizedValueHigh", "note", "periodBasis", "periodEnd", "periodInferred", "periodPrecision", "periodStart", "placeId", "position", "qualifier", "scale", "statedByOrganisationId", "statedByPersonId", "unitKey", "unitText", "value", "valueHigh") SELECT "claimId", "documentId", "evidenceId", "id", "label", "metricKey", "normalizedUnit", "normalizedValue", "normalizedValueHigh", "note", "periodBasis", "periodEnd", "periodInferred", "periodPrecision", "periodStart", "placeId", "position", "qualifier", "scale", "statedByOrganisationId", "statedByPersonId", "unitKey", "unitText", "value", "valueHigh" FROM "Figure";
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
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "aliases" TEXT,
    "role" TEXT NOT NULL,
    "named" BOOLEAN NOT NULL DEFAULT true,
    "organisationId" TEXT,
    CONSTRAINT "Person_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("id", "name", "organisationId", "role") SELECT "id", "name", "organisationId", "role" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FigureRelation_otherId_idx" ON "FigureRelation"("otherId");

-- CreateIndex
CREATE UNIQUE INDEX "FigureRelation_figureId_otherId_key" ON "FigureRelation"("figureId", "otherId");

-- CreateIndex
CREATE INDEX "Mention_personId_idx" ON "Mention"("personId");

-- CreateIndex
CREATE INDEX "Mention_organisationId_idx" ON "Mention"("organisationId");

-- CreateIndex
CREATE INDEX "Mention_placeId_idx" ON "Mention"("placeId");

-- CreateIndex
CREATE INDEX "Mention_substanceId_idx" ON "Mention"("substanceId");

-- CreateIndex
CREATE INDEX "Mention_operationId_idx" ON "Mention"("operationId");

-- CreateIndex
CREATE INDEX "Mention_eventId_idx" ON "Mention"("eventId");

-- CreateIndex
CREATE INDEX "Mention_legalCaseId_idx" ON "Mention"("legalCaseId");

-- CreateIndex
CREATE UNIQUE INDEX "Mention_documentId_start_key" ON "Mention"("documentId", "start");


-- Search index triggers (see 20261122010000_search_index). Figure and Person were rebuilt above,
-- which dropped their triggers; the others are replaced so that aliases are indexed too. A
-- figure's body now also holds its metric's name and description and its unit's name, so that
-- "lethal dose" finds the share of pills that contain one. The metric and unit rows exist before
-- any figure (foreign keys), so these subqueries read rows the loader has already inserted.

CREATE TRIGGER "SearchIndex_Figure_ad" AFTER DELETE ON "Figure" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Figure' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Figure_ai" AFTER INSERT ON "Figure" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Figure', NEW."id", NEW."label",
        NEW."unitText" || ' ' || COALESCE(NEW."scale", '') || ' ' || replace(NEW."metricKey", '_', ' ') || ' ' || COALESCE(NEW."note", '')
            || ' ' || COALESCE((SELECT "name" || ' ' || "description" FROM "Metric" WHERE "key" = NEW."metricKey"), '')
            || ' ' || COALESCE((SELECT "name" FROM "Unit" WHERE "key" = NEW."unitKey"), '')
    );
END;
CREATE TRIGGER "SearchIndex_Figure_au" AFTER UPDATE ON "Figure" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Figure' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Figure', NEW."id", NEW."label",
        NEW."unitText" || ' ' || COALESCE(NEW."scale", '') || ' ' || replace(NEW."metricKey", '_', ' ') || ' ' || COALESCE(NEW."note", '')
            || ' ' || COALESCE((SELECT "name" || ' ' || "description" FROM "Metric" WHERE "key" = NEW."metricKey"), '')
            || ' ' || COALESCE((SELECT "name" FROM "Unit" WHERE "key" = NEW."unitKey"), '')
    );
END;
CREATE TRIGGER "SearchIndex_Person_ad" AFTER DELETE ON "Person" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Person' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Person_ai" AFTER INSERT ON "Person" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Person', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '') || ' ' || NEW."role"
    );
END;
CREATE TRIGGER "SearchIndex_Person_au" AFTER UPDATE ON "Person" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Person' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Person', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '') || ' ' || NEW."role"
    );
END;
DROP TRIGGER "SearchIndex_Place_ai";
DROP TRIGGER "SearchIndex_Place_au";
CREATE TRIGGER "SearchIndex_Place_ai" AFTER INSERT ON "Place" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Place', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '')
    );
END;
CREATE TRIGGER "SearchIndex_Place_au" AFTER UPDATE ON "Place" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Place' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Place', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '')
    );
END;
DROP TRIGGER "SearchIndex_Substance_ai";
DROP TRIGGER "SearchIndex_Substance_au";
CREATE TRIGGER "SearchIndex_Substance_ai" AFTER INSERT ON "Substance" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Substance', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '') || ' ' || NEW."description"
    );
END;
CREATE TRIGGER "SearchIndex_Substance_au" AFTER UPDATE ON "Substance" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Substance' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Substance', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '') || ' ' || NEW."description"
    );
END;
DROP TRIGGER "SearchIndex_Operation_ai";
DROP TRIGGER "SearchIndex_Operation_au";
CREATE TRIGGER "SearchIndex_Operation_ai" AFTER INSERT ON "Operation" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Operation', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '') || ' ' || NEW."description"
    );
END;
CREATE TRIGGER "SearchIndex_Operation_au" AFTER UPDATE ON "Operation" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Operation' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Operation', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '') || ' ' || NEW."description"
    );
END;
DROP TRIGGER "SearchIndex_LegalCase_ai";
DROP TRIGGER "SearchIndex_LegalCase_au";
CREATE TRIGGER "SearchIndex_LegalCase_ai" AFTER INSERT ON "LegalCase" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'LegalCase', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '') || ' ' || NEW."description" || ' ' || NEW."jurisdiction"
    );
END;
CREATE TRIGGER "SearchIndex_LegalCase_au" AFTER UPDATE ON "LegalCase" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'LegalCase' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'LegalCase', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '') || ' ' || NEW."description" || ' ' || NEW."jurisdiction"
    );
END;
DROP TRIGGER "SearchIndex_Event_ai";
DROP TRIGGER "SearchIndex_Event_au";
CREATE TRIGGER "SearchIndex_Event_ai" AFTER INSERT ON "Event" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Event', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '')
    );
END;
CREATE TRIGGER "SearchIndex_Event_au" AFTER UPDATE ON "Event" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Event' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES (
        'Event', NEW."id", NEW."name",
        COALESCE(NEW."aliases", '')
    );
END;
