/**
 * Prints the plain closing line CI reads: `N passed, N failed`.
 * A suite that failed to load (syntax error, missing module, throw at import) has no failing
 * test of its own, so Jest would count it as zero failures: we count it as one.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    let failed = results.numFailedTests;
    for (const suite of results.testResults) {
      if (suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0)) failed += 1;
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
module.exports = SummaryReporter;
