-- Full-text search index for the GraphQL `search` field (packages/api/src/schema/search.ts).
--
-- `SearchIndex` is an SQLite FTS5 table holding one row per searchable record: its GraphQL kind,
-- its id, a title and a body. It is filled by the AFTER INSERT triggers below, so whatever loads
-- the data (seed/build-database.ts) does not need to know about it. Each trigger reads only the
-- columns of the row being inserted (NEW.*), never a joined row, so the order in which the loader
-- inserts tables does not matter. Texts that live in another table are indexed where they live
-- and joined at query time: the words of a figure or a quotation are its Evidence row's `text`
-- (kind 'Evidence'), which the API maps back to the figure or quotation that owns the span.
-- UPDATE and DELETE triggers keep the index in step if rows are ever changed in place.
--
-- Tokenizer: `porter unicode61 remove_diacritics 2` (case- and accent-insensitive, English
-- stemming, so "seized" finds "seizures" and "Lopez" finds "López").
--
-- NOTE for future migrations: Prisma's schema model cannot describe virtual tables or triggers, so
-- `prisma migrate diff --from-migrations …` (and `migrate dev`) will report `SearchIndex`, its
-- shadow tables (`SearchIndex_data`, `_idx`, `_content`, `_docsize`, `_config`) and these triggers
-- as drift and offer to drop them. Produce future migrations with
-- `prisma migrate diff --from-schema-datamodel <previous schema.prisma> --to-schema-datamodel prisma/schema.prisma --script`
-- or write them by hand, and never accept a generated `DROP TABLE "SearchIndex…"`.

CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
    kind UNINDEXED,
    id UNINDEXED,
    title,
    body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Figure: its label, the unit as worded, the scale word, the curator's note and the metric key.
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

-- Evidence: the exact words of a span (the text of figures and quotations).
CREATE TRIGGER "SearchIndex_Evidence_ai" AFTER INSERT ON "Evidence" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Evidence', NEW."id", '', NEW."text");
END;
CREATE TRIGGER "SearchIndex_Evidence_ad" AFTER DELETE ON "Evidence" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Evidence' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Evidence_au" AFTER UPDATE ON "Evidence" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Evidence' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Evidence', NEW."id", '', NEW."text");
END;

-- Quote: the unnamed speaker's description (the quoted words are its Evidence row).
CREATE TRIGGER "SearchIndex_Quote_ai" AFTER INSERT ON "Quote" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Quote', NEW."id", COALESCE(NEW."speakerLabel", ''), '');
END;
CREATE TRIGGER "SearchIndex_Quote_ad" AFTER DELETE ON "Quote" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Quote' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Quote_au" AFTER UPDATE ON "Quote" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Quote' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Quote', NEW."id", COALESCE(NEW."speakerLabel", ''), '');
END;

-- Document: title; outlet and summary.
CREATE TRIGGER "SearchIndex_Document_ai" AFTER INSERT ON "Document" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Document', NEW."id", NEW."title", NEW."outletName" || ' ' || NEW."summary");
END;
CREATE TRIGGER "SearchIndex_Document_ad" AFTER DELETE ON "Document" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Document' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Document_au" AFTER UPDATE ON "Document" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Document' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Document', NEW."id", NEW."title", NEW."outletName" || ' ' || NEW."summary");
END;

-- Organisation: name; aliases and description.
CREATE TRIGGER "SearchIndex_Organisation_ai" AFTER INSERT ON "Organisation" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Organisation', NEW."id", NEW."name", COALESCE(NEW."aliases", '') || ' ' || NEW."description");
END;
CREATE TRIGGER "SearchIndex_Organisation_ad" AFTER DELETE ON "Organisation" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Organisation' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Organisation_au" AFTER UPDATE ON "Organisation" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Organisation' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Organisation', NEW."id", NEW."name", COALESCE(NEW."aliases", '') || ' ' || NEW."description");
END;

-- Person: name; role.
CREATE TRIGGER "SearchIndex_Person_ai" AFTER INSERT ON "Person" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Person', NEW."id", NEW."name", NEW."role");
END;
CREATE TRIGGER "SearchIndex_Person_ad" AFTER DELETE ON "Person" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Person' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Person_au" AFTER UPDATE ON "Person" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Person' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Person', NEW."id", NEW."name", NEW."role");
END;

-- Place: name.
CREATE TRIGGER "SearchIndex_Place_ai" AFTER INSERT ON "Place" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Place', NEW."id", NEW."name", '');
END;
CREATE TRIGGER "SearchIndex_Place_ad" AFTER DELETE ON "Place" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Place' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Place_au" AFTER UPDATE ON "Place" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Place' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Place', NEW."id", NEW."name", '');
END;

-- Substance: name; description.
CREATE TRIGGER "SearchIndex_Substance_ai" AFTER INSERT ON "Substance" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Substance', NEW."id", NEW."name", NEW."description");
END;
CREATE TRIGGER "SearchIndex_Substance_ad" AFTER DELETE ON "Substance" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Substance' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Substance_au" AFTER UPDATE ON "Substance" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Substance' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Substance', NEW."id", NEW."name", NEW."description");
END;

-- Operation: name; description.
CREATE TRIGGER "SearchIndex_Operation_ai" AFTER INSERT ON "Operation" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Operation', NEW."id", NEW."name", NEW."description");
END;
CREATE TRIGGER "SearchIndex_Operation_ad" AFTER DELETE ON "Operation" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Operation' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Operation_au" AFTER UPDATE ON "Operation" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Operation' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Operation', NEW."id", NEW."name", NEW."description");
END;

-- LegalCase: name; description and jurisdiction.
CREATE TRIGGER "SearchIndex_LegalCase_ai" AFTER INSERT ON "LegalCase" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('LegalCase', NEW."id", NEW."name", NEW."description" || ' ' || NEW."jurisdiction");
END;
CREATE TRIGGER "SearchIndex_LegalCase_ad" AFTER DELETE ON "LegalCase" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'LegalCase' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_LegalCase_au" AFTER UPDATE ON "LegalCase" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'LegalCase' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('LegalCase', NEW."id", NEW."name", NEW."description" || ' ' || NEW."jurisdiction");
END;

-- Event: name.
CREATE TRIGGER "SearchIndex_Event_ai" AFTER INSERT ON "Event" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Event', NEW."id", NEW."name", '');
END;
CREATE TRIGGER "SearchIndex_Event_ad" AFTER DELETE ON "Event" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Event' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Event_au" AFTER UPDATE ON "Event" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Event' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Event', NEW."id", NEW."name", '');
END;

-- Claim: title; explanation of the verdict.
CREATE TRIGGER "SearchIndex_Claim_ai" AFTER INSERT ON "Claim" BEGIN
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Claim', NEW."id", NEW."title", NEW."explanation");
END;
CREATE TRIGGER "SearchIndex_Claim_ad" AFTER DELETE ON "Claim" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Claim' AND id = OLD."id";
END;
CREATE TRIGGER "SearchIndex_Claim_au" AFTER UPDATE ON "Claim" BEGIN
    DELETE FROM "SearchIndex" WHERE kind = 'Claim' AND id = OLD."id";
    INSERT INTO "SearchIndex" (kind, id, title, body) VALUES ('Claim', NEW."id", NEW."title", NEW."explanation");
END;
