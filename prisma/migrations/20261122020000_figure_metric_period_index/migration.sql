-- Figures of one metric in a period, in chronological order, with their count (the scale
-- benchmark's query, bench/scale.ts P3): `metricKey = ? AND periodStart BETWEEN ? AND ?` is a range
-- of this index, `ORDER BY periodStart, id` is its order, and `periodEnd` is checked in it, so the
-- page reads 20 rows and the count reads only the index, at any table size.
-- Written from `prisma migrate diff --from-schema-datamodel <previous schema.prisma> --to-schema-datamodel prisma/schema.prisma --script`.

-- CreateIndex
CREATE INDEX "Figure_metricKey_periodStart_id_periodEnd_idx" ON "Figure"("metricKey", "periodStart", "id", "periodEnd");
