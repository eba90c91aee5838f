import { restDateTime, type JsonObject } from '@validity/contracts';
import { briefComplianceTestData } from '../../compliance-tests/domain/compliance-test.representation';
import type { NamedDevice, TestResultView } from './test-result';

function testResultUrl(result: TestResultView, base: string): string {
  return `${base}/api/plugins/validity/test-results/${result.id}/`;
}

/** Validity's `display`: `<test>::<device>::passed|failed`. */
function testResultDisplay(result: TestResultView): string {
  return `${result.test.name}::${result.device.name}::${result.passed ? 'passed' : 'failed'}`;
}

/** NetBox's nested device; its url names NetBox's DCIM route, which this system does not serve. */
function nestedDevice(device: NamedDevice, base: string): JsonObject {
  return {
    id: device.id,
    url: `${base}/api/dcim/devices/${device.id}/`,
    display: device.name,
    name: device.name,
  };
}

/** Validity's ComplianceTestResultSerializer, in its field order (§4.2). */
export function testResultData(result: TestResultView, base: string): JsonObject {
  return {
    id: result.id,
    url: testResultUrl(result, base),
    display: testResultDisplay(result),
    test: briefComplianceTestData(result.test, base),
    device: nestedDevice(result.device, base),
    dynamic_pair: result.dynamicPair === null ? null : nestedDevice(result.dynamicPair, base),
    report: {
      id: result.reportId,
      url: `${base}/api/plugins/validity/reports/${result.reportId}/`,
      display: `report-${result.reportId}`,
    },
    passed: result.passed,
    explanation: result.explanation,
    // Runs cannot set custom fields on results, as in Validity.
    custom_fields: {},
    created: restDateTime(result.created.date, result.created.micros),
    last_updated: restDateTime(result.lastUpdated.date, result.lastUpdated.micros),
  };
}

export function briefTestResultData(result: TestResultView, base: string): JsonObject {
  return {
    id: result.id,
    url: testResultUrl(result, base),
    display: testResultDisplay(result),
    passed: result.passed,
  };
}
