import type { Role } from "../generated/prisma/client";

declare module "next-auth" {
  interface User {
    role: Role;
    enterpriseId: string | null;
    sessionId: string;
  }
  interface Session {
    sid?: string;
    role?: Role;
    enterpriseId?: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    role?: Role;
    enterpriseId?: string | null;
  }
}
