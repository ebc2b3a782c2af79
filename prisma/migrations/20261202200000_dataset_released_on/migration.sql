-- DatasetInfo.releasedOn: the day the data was released (seed/data/dataset.yaml), which the dataset
-- citation names instead of the build time. DatasetInfo has no triggers, so the rebuild loses none.
-- Databases are always built from scratch, so the table is empty here and the NOT NULL column needs no default.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DatasetInfo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" TEXT NOT NULL,
    "builtAt" TEXT NOT NULL,
    "releasedOn" TEXT NOT NULL,
    "license" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL
);
INSERT INTO "new_DatasetInfo" ("builtAt", "contentHash", "id", "license", "version") SELECT "builtAt", "contentHash", "id", "license", "version" FROM "DatasetInfo";
DROP TABLE "DatasetInfo";
ALTER TABLE "new_DatasetInfo" RENAME TO "DatasetInfo";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

