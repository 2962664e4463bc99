// npm start / npm run dev: the app (server/http/serve.ts) on PORT (3000), all interfaces, as
// `next start` / `next dev` would. `--dev` serves the development build with hot reloading; without
// it the npm script sets NODE_ENV=production (before Next and React are loaded, as `next start` does).
import "../load-env";
import { startAppServer } from "../http/serve";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);

try {
  await startAppServer({ dev, port });
  console.log(`▲ 企信通 ${dev ? "development" : "production"} server on http://localhost:${port}`);
} catch (error) {
  console.error(error);
  process.exit(1);
}
