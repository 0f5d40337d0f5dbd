import { hash, verify } from "@node-rs/argon2";

// Passwords are hashed with argon2id (the library's default algorithm) with its default cost.
export const hashPassword = (plain: string): Promise<string> => hash(plain);
export const verifyPassword = (hashed: string, plain: string): Promise<boolean> =>
  verify(hashed, plain).catch(() => false);
