import { runCalendarBench } from './calendar/calendar.bench';
import { runConsoleBench } from './console/console.bench';
import { runContentBench } from './content/content.bench';
import { runEngagementBench } from './engagement/engagement.bench';
import { runFederationBench } from './federation/federation.bench';
import { runFaultsBench } from './ops/faults.bench';
import { runSoakBench } from './ops/soak.bench';
import { runReportingBench } from './reporting/reporting.bench';
import { runRoyaltiesBench } from './royalties/royalties.bench';
import { runSiteBench } from './site/site.bench';
import { runTenancyBench } from './tenancy/tenancy.bench';

const BENCHES: Record<string, () => Promise<void>> = {
  tenancy: runTenancyBench,
  calendar: runCalendarBench,
  content: runContentBench,
  federation: runFederationBench,
  engagement: runEngagementBench,
  reporting: runReportingBench,
  royalties: runRoyaltiesBench,
  site: runSiteBench,
  soak: runSoakBench,
  faults: runFaultsBench,
  console: runConsoleBench,
};

async function main(): Promise<void> {
  const name = process.argv[2];
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>\n`);
    process.exit(2);
  }
  await bench();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
