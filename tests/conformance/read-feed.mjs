// Reads a feed with two parsers we did not write and prints what each understood, as JSON on stdout:
// {"partytime": <podcast-partytime's parseFeed>, "feedsmith": <feedsmith's parseRssFeed>}.
// Exits 1 (message on stderr) if either parser rejects the file. The C# conformance tests make the assertions.
import { readFileSync } from "node:fs";
import { parseFeed } from "podcast-partytime";
import { parseRssFeed } from "feedsmith";

const path = process.argv[2];
if (!path) {
  console.error("usage: node read-feed.mjs <feed.xml>");
  process.exit(2);
}
const xml = readFileSync(path, "utf8");
try {
  const partytime = parseFeed(xml, { allowMissingGuid: false });
  if (!partytime) throw new Error("podcast-partytime returned nothing (it does not consider this a feed)");
  const feedsmith = parseRssFeed(xml);
  process.stdout.write(JSON.stringify({ partytime, feedsmith }, (_, value) => (value instanceof Date ? value.toISOString() : value)));
} catch (error) {
  console.error(`read-feed: ${error?.message ?? error}`);
  process.exit(1);
}
