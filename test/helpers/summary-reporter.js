/**
 * Prints the plain closing line CI reads: `N passed, N failed`.
 * A suite that failed to load (syntax error, missing module, throw at import) has no failing
 * test of its own, so Jest would count it as zero failures: we count it as one.
 * Suites skipped because ../shared/datasets is absent (title marker, see datasets.ts) are told
 * in one line before it, so a fresh clone says why it tested less.
 */
const NEEDS_DATASETS = '[needs ../shared/datasets]';

class SummaryReporter {
  onRunComplete(_contexts, results) {
    let failed = results.numFailedTests;
    let dataTests = 0;
    const dataSuites = new Set();
    for (const suite of results.testResults) {
      if (suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0)) failed += 1;
      for (const t of suite.testResults ?? []) {
        if (t.status !== 'pending') continue;
        if (![...t.ancestorTitles, t.title].some((s) => s.startsWith(NEEDS_DATASETS))) continue;
        dataTests += 1;
        dataSuites.add(suite.testFilePath);
      }
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    if (dataTests)
      process.stdout.write(
        `\nskipped ${dataTests} tests in ${dataSuites.size} suites: ../shared/datasets not found beside the repository (labelled data, see README)`,
      );
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
module.exports = SummaryReporter;
