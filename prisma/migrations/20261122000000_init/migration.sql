-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileName" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleSource" TEXT NOT NULL,
    "outletName" TEXT NOT NULL,
    "outletBasis" TEXT NOT NULL,
    "outletId" TEXT,
    "publishedStart" TEXT,
    "publishedEnd" TEXT,
    "publishedPrecision" TEXT NOT NULL,
    "publishedInferred" BOOLEAN NOT NULL,
    "publishedBasis" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    CONSTRAINT "Document_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DocumentAuthor" (
    "documentId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("documentId", "personId"),
    CONSTRAINT "DocumentAuthor_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DocumentAuthor_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "eventId" TEXT,
    "operationId" TEXT,
    CONSTRAINT "Evidence_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Evidence_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Evidence_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvidenceMark" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "evidenceId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "EvidenceMark_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Metric" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "canonicalUnit" TEXT NOT NULL,
    "additive" BOOLEAN NOT NULL
);

-- CreateTable
CREATE TABLE "Unit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "canonicalUnit" TEXT NOT NULL,
    "factor" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "Figure" (
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

-- CreateTable
CREATE TABLE "FigureSubject" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "figureId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisationId" TEXT,
    "operationId" TEXT,
    "legalCaseId" TEXT,
    "substanceId" TEXT,
    "personId" TEXT,
    CONSTRAINT "FigureSubject_figureId_fkey" FOREIGN KEY ("figureId") REFERENCES "Figure" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FigureSubject_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FigureSubject_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FigureSubject_legalCaseId_fkey" FOREIGN KEY ("legalCaseId") REFERENCES "LegalCase" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FigureSubject_substanceId_fkey" FOREIGN KEY ("substanceId") REFERENCES "Substance" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FigureSubject_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "explanation" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "aliases" TEXT,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "placeId" TEXT,
    "parentId" TEXT,
    CONSTRAINT "Organisation_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Organisation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisationId" TEXT,
    CONSTRAINT "Person_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Place" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentId" TEXT,
    CONSTRAINT "Place_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Place" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Operation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "leadOrganisationId" TEXT,
    "startDate" TEXT,
    "endDate" TEXT,
    "datePrecision" TEXT NOT NULL,
    "dateInferred" BOOLEAN NOT NULL,
    "dateBasis" TEXT,
    CONSTRAINT "Operation_leadOrganisationId_fkey" FOREIGN KEY ("leadOrganisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startDate" TEXT,
    "endDate" TEXT,
    "datePrecision" TEXT NOT NULL,
    "dateInferred" BOOLEAN NOT NULL,
    "dateBasis" TEXT,
    "placeId" TEXT,
    "organisationId" TEXT,
    "personId" TEXT,
    "legalCaseId" TEXT,
    CONSTRAINT "Event_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Event_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Event_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Event_legalCaseId_fkey" FOREIGN KEY ("legalCaseId") REFERENCES "LegalCase" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LegalCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "placeId" TEXT,
    "operationId" TEXT,
    CONSTRAINT "LegalCase_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LegalCase_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Defendant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "legalCaseId" TEXT NOT NULL,
    "personId" TEXT,
    "label" TEXT NOT NULL,
    "age" INTEGER,
    "charges" TEXT,
    "status" TEXT NOT NULL,
    "platformId" TEXT,
    "platformBasis" TEXT,
    "evidenceId" TEXT,
    CONSTRAINT "Defendant_legalCaseId_fkey" FOREIGN KEY ("legalCaseId") REFERENCES "LegalCase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Defendant_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Defendant_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Defendant_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Quote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "speakerId" TEXT,
    "speakerLabel" TEXT,
    "direct" BOOLEAN NOT NULL,
    "eventId" TEXT,
    "evidenceId" TEXT NOT NULL,
    CONSTRAINT "Quote_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Quote_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Quote_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Quote_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Substance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "parentId" TEXT,
    CONSTRAINT "Substance_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Substance" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Exclusion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    CONSTRAINT "Exclusion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Exclusion_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DatasetInfo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" TEXT NOT NULL,
    "builtAt" TEXT NOT NULL,
    "license" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Document_fileName_key" ON "Document"("fileName");

-- CreateIndex
CREATE INDEX "Evidence_documentId_start_idx" ON "Evidence"("documentId", "start");

-- CreateIndex
CREATE INDEX "Evidence_eventId_idx" ON "Evidence"("eventId");

-- CreateIndex
CREATE INDEX "Evidence_operationId_idx" ON "Evidence"("operationId");

-- CreateIndex
CREATE INDEX "EvidenceMark_evidenceId_idx" ON "EvidenceMark"("evidenceId");

-- CreateIndex
CREATE UNIQUE INDEX "Figure_evidenceId_key" ON "Figure"("evidenceId");

-- CreateIndex
CREATE INDEX "Figure_metricKey_idx" ON "Figure"("metricKey");

-- CreateIndex
CREATE INDEX "Figure_documentId_idx" ON "Figure"("documentId");

-- CreateIndex
CREATE INDEX "Figure_placeId_idx" ON "Figure"("placeId");

-- CreateIndex
CREATE INDEX "Figure_claimId_idx" ON "Figure"("claimId");

-- CreateIndex
CREATE INDEX "Figure_periodStart_periodEnd_idx" ON "Figure"("periodStart", "periodEnd");

-- CreateIndex
CREATE INDEX "Figure_normalizedValue_idx" ON "Figure"("normalizedValue");

-- CreateIndex
CREATE INDEX "FigureSubject_figureId_idx" ON "FigureSubject"("figureId");

-- CreateIndex
CREATE INDEX "FigureSubject_organisationId_idx" ON "FigureSubject"("organisationId");

-- CreateIndex
CREATE INDEX "FigureSubject_operationId_idx" ON "FigureSubject"("operationId");

-- CreateIndex
CREATE INDEX "FigureSubject_legalCaseId_idx" ON "FigureSubject"("legalCaseId");

-- CreateIndex
CREATE INDEX "FigureSubject_substanceId_idx" ON "FigureSubject"("substanceId");

-- CreateIndex
CREATE INDEX "FigureSubject_personId_idx" ON "FigureSubject"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Defendant_evidenceId_key" ON "Defendant"("evidenceId");

-- CreateIndex
CREATE UNIQUE INDEX "Quote_evidenceId_key" ON "Quote"("evidenceId");

-- CreateIndex
CREATE UNIQUE INDEX "Exclusion_evidenceId_key" ON "Exclusion"("evidenceId");
