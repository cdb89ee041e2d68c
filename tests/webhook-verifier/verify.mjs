// Reads {secret, headers, body} as JSON on stdin; exits 0 when the Standard Webhooks library accepts the
// signature, 1 (with the library's message) when it does not. Used by the server's tests as an independent check.
import { Webhook } from "standardwebhooks";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { secret, headers, body } = JSON.parse(input);
try {
  new Webhook(secret).verify(body, headers);
  console.log("verified");
} catch (e) {
  console.log("refused: " + e.message);
  process.exit(1);
}
