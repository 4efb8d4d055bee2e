// The benchmark's reference model in Squiggle (@quri/squiggle-lang):
// `a to b` is Squiggle's 90% lognormal interval, as in gpucost.
import { run, defaultEnvironment } from "@quri/squiggle-lang";

const n = Number(process.argv[2] || 1000000);
const code = `
gh = 2.5M to 3.1M
price = 1.5 to 3.5
cost = gh * price
[mean(cost), quantile(cost, 0.05), quantile(cost, 0.5), quantile(cost, 0.95)]
`;
const out = await run(code, { environment: { ...defaultEnvironment, sampleCount: n, seed: "7" } });
if (!out.result.ok) {
  console.error(out.result.value.toString());
  process.exit(1);
}
console.log(out.result.value.result.toString());
