-- CreateIndex
CREATE INDEX "LoginAttempt_companyId_createdAt_idx" ON "LoginAttempt"("companyId", "createdAt");
