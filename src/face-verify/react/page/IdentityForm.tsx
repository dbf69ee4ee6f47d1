/** The identity form (name + ID number, checked as the user types), or the ticket start with no form. */
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
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
  onChange: (value: string) => void;
  onLeave: () => void;
}

function Field({ id, label, placeholder, value, error, maxlength, type, onChange, onLeave }: FieldProps) {
  const [focused, setFocused] = useState(false);
  const errorId = `${id}-error`;
  return (
    <View style={{ marginTop: '1.25em' }}>
      <Text id={`${id}-label`} style={styles.label}>
        {label}
      </Text>
      <View style={styles.field(error ? 'invalid' : focused ? 'focus' : 'idle')}>
        <Input
          id={id}
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderStyle={`color: ${color.placeholder}`}
          style={styles.input}
          // The inner <input> of Taro's H5 Input gets these; a mini-program shows the visible label above.
          nativeProps={{
            'aria-label': label,
            'aria-invalid': error ? 'true' : 'false',
            'aria-describedby': error ? errorId : undefined,
            autoComplete: 'off',
            spellCheck: false,
          }}
          onInput={(event) => onChange(event.detail.value)}
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            onLeave();
          }}
        />
      </View>
      {error ? (
        <Text id={errorId} aria-live="polite" style={styles.fieldError}>
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
  /** The flow's own verdict on the details (e.g. name and number do not match), shown above the fields. */
  formError: string | null;
}

export function IdentityForm({ mode, collectIdentity, values, onChange, onSubmit, formError }: IdentityFormProps) {
  const [left, setLeft] = useState({ name: false, idCardNumber: false });
  const locale = useWords();
  const words = locale.page.form;
  const modeHint = mode ? <Text style={{ ...styles.small, marginTop: '1em' }}>{words.modeHint[mode]}</Text> : null;

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

  const nameError = nameProblem(values.name, locale, left.name);
  const idError = idCardProblem(values.idCardNumber, locale, left.idCardNumber);
  const fields = [
    {
      key: 'name',
      id: 'fv-name',
      type: 'text',
      label: words.nameLabel,
      placeholder: words.namePlaceholder,
      maxlength: 40,
      error: nameError,
    },
    {
      key: 'idCardNumber',
      id: 'fv-id-card',
      type: 'idcard',
      label: words.idLabel,
      placeholder: words.idPlaceholder,
      maxlength: 18,
      error: idError,
    },
  ] as const;
  const submit = () => {
    setLeft({ name: true, idCardNumber: true });
    if (nameProblem(values.name, locale, true) || idCardProblem(values.idCardNumber, locale, true)) return;
    onSubmit({ name: values.name.trim(), idCardNumber: values.idCardNumber.trim().toUpperCase() });
  };

  return (
    <View style={styles.card} data-screen="form">
      <Text style={{ ...styles.body, marginTop: 0 }}>{words.intro}</Text>
      {formError ? (
        <View id="fv-form-error" aria-live="assertive" style={{ ...styles.banner('danger'), marginTop: '1em' }}>
          <Text>{formError}</Text>
        </View>
      ) : null}
      {fields.map(({ key, ...field }) => (
        <Field
          key={field.id}
          {...field}
          value={values[key]}
          onChange={(value) => onChange({ ...values, [key]: value })}
          onLeave={() => setLeft((was) => ({ ...was, [key]: true }))}
        />
      ))}
      {modeHint}
      <Text style={{ ...styles.small, marginTop: '1em' }}>{words.consent}</Text>
      <ActionButton id="fv-start" label={locale.page.actions.start} onPress={submit} />
    </View>
  );
}
