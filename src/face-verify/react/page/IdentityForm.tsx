/** The identity form (name + ID number, checked as the user types), or the ticket start with no form. */
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { Identity, LivenessMode } from '../../core/types';
import { ActionButton } from './parts';
import { color, styles } from './theme';
import { useWords } from './words';
import { idCardProblem, nameProblem } from './validation';

interface FieldProps {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  error: string | null;
  maxlength: number;
  type: 'text' | 'idcard';
  autoComplete: string;
  onChange: (value: string) => void;
  onLeave: () => void;
}

/** The field's `<input>`: Taro's H5 Input renders one inside its element. */
export const inputOf = (id: string) =>
  process.env.TARO_ENV === 'h5' ? (document.getElementById(id)?.querySelector('input') ?? null) : null;

/**
 * A labelled field. In H5 the label is a real `<label>` for the inner `<input>` (tapping it focuses the field);
 * on mini-programs tapping the label focuses the input too. So does the whole box (the input is a thin line).
 */
function Field({ id, label, placeholder, value, error, maxlength, type, autoComplete, onChange, onLeave }: FieldProps) {
  const [focused, setFocused] = useState(false);
  const [focusRequest, setFocusRequest] = useState(false);
  const errorId = `${id}-error`;
  const inputId = `${id}-input`;
  const focusInput = () => {
    if (process.env.TARO_ENV === 'h5') inputOf(id)?.focus();
    else setFocusRequest(true);
  };
  return (
    <View style={{ marginTop: '1.25em' }}>
      {process.env.TARO_ENV === 'h5' ? (
        <label id={`${id}-label`} htmlFor={inputId} style={styles.label}>
          {label}
        </label>
      ) : (
        <Text id={`${id}-label`} style={styles.label} onClick={focusInput}>
          {label}
        </Text>
      )}
      <View data-fv-field={id} style={styles.field({ invalid: Boolean(error), focused })} onClick={focusInput}>
        <Input
          id={id}
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderStyle={`color: ${color.placeholder}`}
          style={styles.input}
          // Only while asked: WeChat's input with a `focus` attribute is another template (and keyboard) state.
          {...(focusRequest ? { focus: true } : {})}
          // WeChat's screen reader reads these on the input itself (the weapp build's templates carry them).
          {...(process.env.TARO_ENV === 'weapp'
            ? { 'aria-label': label, 'aria-invalid': error ? 'true' : 'false', 'aria-describedby': error ? errorId : undefined }
            : {})}
          // The inner <input> of Taro's H5 Input gets these.
          nativeProps={{
            id: inputId,
            'aria-label': label,
            'aria-invalid': error ? 'true' : 'false',
            'aria-describedby': error ? errorId : undefined,
            autoComplete,
            spellCheck: false,
          }}
          onInput={(event) => onChange(event.detail.value)}
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            setFocusRequest(false);
            onLeave();
          }}
        />
      </View>
      {error ? (
        // Said in words, not only in the border's colour; read with the field (aria-describedby).
        <Text id={errorId} style={styles.fieldError}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

export interface IdentityFormProps {
  mode: LivenessMode | null;
  /** False for a ticket-based start: the backend already knows who the user is. */
  collectIdentity: boolean;
  values: Identity;
  onChange: (values: Identity) => void;
  onSubmit: (identity: Identity | undefined) => void;
  /** A submit the checks blocked, with their messages (the page says them in its alert region). */
  onBlocked?: (problems: string[]) => void;
  /** The flow's own verdict on the details (e.g. name and number do not match), shown above the fields. */
  formError: string | null;
}

export function IdentityForm({ mode, collectIdentity, values, onChange, onSubmit, onBlocked, formError }: IdentityFormProps) {
  // A field shows its complete check once it was changed and left, or after a submit: tabbing past an empty
  // field says nothing.
  const [left, setLeft] = useState({ name: false, idCardNumber: false });
  const changed = useRef({ name: false, idCardNumber: false });
  const [submits, setSubmits] = useState(0);
  const locale = useWords();
  const words = locale.page.form;
  const modeHint = mode ? <Text style={{ ...styles.small, marginTop: '1em' }}>{words.modeHint[mode]}</Text> : null;

  const nameError = nameProblem(values.name, locale, left.name);
  const idError = idCardProblem(values.idCardNumber, locale, left.idCardNumber);
  // After a blocked submit, focus goes to the first field in error (H5; mini-programs have no keyboard focus).
  const firstInvalid = nameError ? 'fv-name' : idError ? 'fv-id-card' : null;
  const focusTarget = useRef(firstInvalid);
  focusTarget.current = firstInvalid;
  useEffect(() => {
    if (submits > 0 && focusTarget.current) inputOf(focusTarget.current)?.focus();
  }, [submits]);
  if (!collectIdentity) {
    return (
      <View style={styles.card} data-screen="ticket-start">
        <Text style={styles.body}>{words.ticketIntro}</Text>
        {modeHint}
        <Text style={{ ...styles.small, marginTop: '1em' }}>{words.consent}</Text>
        <ActionButton id="fv-start" label={locale.page.actions.start} onPress={() => onSubmit(undefined)} />
      </View>
    );
  }

  const fields = [
    {
      key: 'name',
      id: 'fv-name',
      type: 'text',
      label: words.nameLabel,
      autoComplete: 'name',
      placeholder: words.namePlaceholder,
      maxlength: 40,
      error: nameError,
    },
    {
      key: 'idCardNumber',
      id: 'fv-id-card',
      type: 'idcard',
      label: words.idLabel,
      autoComplete: 'off',
      placeholder: words.idPlaceholder,
      maxlength: 18,
      error: idError,
    },
  ] as const;
  const submit = () => {
    setLeft({ name: true, idCardNumber: true });
    setSubmits((n) => n + 1);
    const problems = [
      [words.nameLabel, nameProblem(values.name, locale, true)],
      [words.idLabel, idCardProblem(values.idCardNumber, locale, true)],
    ] as const;
    if (problems.some(([, problem]) => problem)) {
      // Each message with its field's name, as a sighted user reads it under the field.
      onBlocked?.(problems.flatMap(([label, problem]) => (problem ? [`${label}: ${problem}`] : [])));
      return;
    }
    onSubmit({ name: values.name.trim(), idCardNumber: values.idCardNumber.trim().toUpperCase() });
  };

  return (
    <View style={styles.card} data-screen="form">
      <Text style={{ ...styles.body, marginTop: 0 }}>{words.intro}</Text>
      {formError ? (
        <View id="fv-form-error" style={{ ...styles.banner('danger'), marginTop: '1em' }}>
          <Text>{formError}</Text>
        </View>
      ) : null}
      {fields.map(({ key, ...field }) => (
        <Field
          key={field.id}
          {...field}
          value={values[key]}
          onChange={(value) => {
            changed.current[key] = true;
            onChange({ ...values, [key]: value });
          }}
          onLeave={() => {
            // An empty field is flagged by a start, not on leaving: an error appearing as the user heads for the
            // start button would move the button from under the pointer.
            if (changed.current[key] && values[key].trim() !== '') setLeft((was) => ({ ...was, [key]: true }));
          }}
        />
      ))}
      {modeHint}
      <Text style={{ ...styles.small, marginTop: '1em' }}>{words.consent}</Text>
      <ActionButton id="fv-start" label={locale.page.actions.start} onPress={submit} />
    </View>
  );
}
