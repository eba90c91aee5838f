import { fieldErrorsOf, renderField } from './form-fields';

describe('renderField', () => {
  it('puts the messages under the field and ties them to the control for screen readers', () => {
    const markup = renderField(
      { name: 'name', label: 'Name', kind: 'text', required: true, help: 'Unique.' },
      'x',
      ['This field is required.'],
    ).value;
    expect(markup).toContain('aria-invalid="true"');
    expect(markup).toContain('aria-describedby="id_name_errors id_name_help"');
    expect(markup).toMatch(
      /<input[^>]*>\s*<ul class="errors" id="id_name_errors">\s*<li>This field is required.<\/li>/,
    );
  });

  it('never writes a secret back into the page', () => {
    expect(renderField({ name: 'secret', label: 'Secret', kind: 'password' }, 'hunter2').value).not.toContain(
      'hunter2',
    );
  });
});

describe('fieldErrorsOf', () => {
  it('keeps messages of the form’s fields and sends the rest to the form alert', () => {
    expect(
      fieldErrorsOf({ name: ['Too long.'], __all__: ['Bad.'], other: ['X.'], detail: 'No.' }, ['name']),
    ).toEqual({ name: ['Too long.'], '': ['Bad.', 'other: X.', 'No.'] });
  });
});
