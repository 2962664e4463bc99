// For CLI entry points (seed, jobs, simulator, benchmarks): load .env files the way Next does.
// The environment wins over .env. Import this first.
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd());
