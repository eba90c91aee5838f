import type { FieldErrors } from '@validity/platform/netbox-api';

/** What Validity 2.3's `ComplianceSelector.clean()` checks, with the fields it reads. */
export interface SelectorRuleFields {
  nameFilter: string;
  dynamicPairs: string;
  dpTagPrefix: string;
}

/**
 * Python's `re` pattern as JavaScript's `RegExp` syntax for the constructs that differ in spelling
 * (named groups and their back-references); everything else is left to the JavaScript parser. An
 * approximation of `re.compile`: docs/netbox-compatibility.md says where the two engines disagree.
 */
function asJavaScriptPattern(pattern: string): string {
  return pattern.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
}

/** The number of capturing groups of `pattern`, or `undefined` when it does not compile. */
function capturingGroups(pattern: string): number | undefined {
  try {
    // An empty alternative makes the pattern match '', so exec reports every group (unset).
    const match = new RegExp(`${asJavaScriptPattern(pattern)}|`).exec('');
    return match === null ? 0 : match.length - 1;
  } catch {
    return undefined;
  }
}

/**
 * Validity 2.3's `ComplianceSelector.clean()`, which NetBox runs after the field checks passed: the first
 * failing rule, keyed by field, with Validity's messages. `undefined` when the selector is valid.
 */
export function selectorRuleErrors(selector: SelectorRuleFields): FieldErrors | undefined {
  const groups = capturingGroups(selector.nameFilter);
  if (groups === undefined) return { name_filter: ['Invalid regular expression'] };
  if (selector.dynamicPairs === 'NAME') {
    if (groups === 0) {
      return { name_filter: ['You must define regexp group if dynamic_pairs is set to NAME'] };
    }
  } else if (selector.dynamicPairs === 'TAG' && !selector.dpTagPrefix) {
    return { dp_tag_prefix: ['You must define Tag Prefix if dynamic_pairs is set to TAG'] };
  }
  if (selector.dpTagPrefix && selector.dynamicPairs !== 'TAG') {
    return { dp_tag_prefix: ['This field may be used only if dynamic_pairs is set to TAG'] };
  }
  return undefined;
}
