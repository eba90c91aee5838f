import {
  PYTHON_BOOL,
  PYTHON_EQ,
  PYTHON_REPR,
  PYTHON_STR,
  PYTHON_TYPE_NAME,
  pythonEquals,
  pythonRepr,
  pythonStr,
  pythonTruthy,
  pythonTuple,
  pythonTypeName,
  type PythonObject,
} from './index';

class Missing implements PythonObject {
  readonly [PYTHON_TYPE_NAME] = 'Missing';
  [PYTHON_REPR] = () => 'Missing()';
  [PYTHON_STR] = () => '';
  [PYTHON_BOOL] = () => false;
  [PYTHON_EQ] = (other: unknown) => other instanceof Missing;
}

class Method implements PythonObject {
  readonly [PYTHON_TYPE_NAME] = 'builtin_function_or_method';
  [PYTHON_REPR] = () => '<built-in method upper>';
}

describe('values an emulation defines itself, through their dunder methods', () => {
  it('prints, tests and compares them with their own methods, nested in JSON values too', () => {
    const missing = new Missing();
    expect([pythonRepr([missing, 1]), pythonStr(missing), pythonTruthy(missing)]).toEqual([
      '[Missing(), 1]',
      '',
      false,
    ]);
    expect([pythonEquals(missing, new Missing()), pythonEquals(null, missing)]).toEqual([true, false]);
    expect(pythonTypeName(missing)).toBe('Missing');
  });

  it("falls back to Python's object defaults: str is repr, true, equal only to itself", () => {
    const method = new Method();
    expect([pythonStr(method), pythonTruthy(method)]).toEqual(['<built-in method upper>', true]);
    expect([pythonEquals(method, method), pythonEquals(method, new Method())]).toEqual([true, false]);
  });

  it('prints tuples with parentheses and never equates them with lists', () => {
    expect([pythonRepr(pythonTuple([1])), pythonRepr(pythonTuple([1, 'a']))]).toEqual(['(1,)', "(1, 'a')"]);
    expect(pythonEquals(pythonTuple([1]), [1])).toBe(false);
    expect(pythonEquals(pythonTuple([1]), pythonTuple([1.0]))).toBe(true);
  });
});
