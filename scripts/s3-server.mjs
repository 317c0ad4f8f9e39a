// Starts fauxqs (an S3-protocol emulator) on 127.0.0.1 only; its own launcher binds 0.0.0.0.
// Usage: node s3-server.mjs <path to fauxqs/dist/app.js> [port]   (port 0 or absent: a free one)
// Prints the endpoint URL on stdout once listening, then serves until killed.
import { pathToFileURL } from "node:url";

const [appPath, port = "0"] = process.argv.slice(2);
if (!appPath) {
  console.error("usage: node s3-server.mjs <fauxqs/dist/app.js> [port]");
  process.exit(2);
}

const { buildApp } = await import(pathToFileURL(appPath).href);
const app = buildApp({ logger: false });
const address = await app.listen({ host: "127.0.0.1", port: Number(port) });
console.log(address);

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => app.close().then(() => process.exit(0)));
}
