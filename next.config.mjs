/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
  // Native and CommonJS-heavy server packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "smpp", "pg", "@prisma/adapter-pg"],
};

export default nextConfig;
