-- DatasetInfo.contentHash: the SHA-256 of every table's rows as the build wrote them, which the API
-- recomputes read-only at start to prove the database undamaged (packages/api/src/integrity.ts).
-- Databases are always built from scratch, so the table is empty here and the NOT NULL column needs no default.
-- Written from `prisma migrate diff --from-schema-datamodel <previous schema.prisma> --to-schema-datamodel prisma/schema.prisma --script`.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DatasetInfo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" TEXT NOT NULL,
    "builtAt" TEXT NOT NULL,
    "license" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL
);
INSERT INTO "new_DatasetInfo" ("builtAt", "id", "license", "version") SELECT "builtAt", "id", "license", "version" FROM "DatasetInfo";
DROP TABLE "DatasetInfo";
ALTER TABLE "new_DatasetInfo" RENAME TO "DatasetInfo";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
