import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// Passwords are hashed with argon2id (the library's default algorithm) with its default cost.
export const hashPassword = (plain: string): Promise<string> => hash(plain);
export const verifyPassword = (hashed: string, plain: string): Promise<boolean> => verify(hashed, plain).catch(() => false);

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), "Use letters and at least one digit.");
