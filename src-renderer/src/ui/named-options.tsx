// A Select naming records (buyers, contacts, firms, interpreters) in their own script.
// Labels stay plain strings: antd's focused, closed Select announces the chosen option in a
// live region by its label when that is a string and by its value (a record id such as
// "demo-tokyo-b0003") when it is not, and a labelRender counts as not a string. Options
// draw the name's `lang` through optionRender; the chosen one takes it from the select.
import { Select, type SelectProps } from 'antd';

export interface NamedOption {
  value: string;
  /** The name as written (native script). */
  text: string;
  /** BCP 47 tag of the name's script, for the font and a screen reader's voice. */
  lang?: string;
  /** A second form shown muted after a dot (the romanized name). */
  muted?: string;
  /** What a search matches, when the select filters by `search`. */
  search?: string;
}

interface NamedSelectOption {
  value: string;
  label: string;
  search?: string;
  named: NamedOption;
}

export function NamedSelect({
  named,
  ...props
}: Omit<SelectProps<string, NamedSelectOption>, 'options' | 'optionRender' | 'labelRender'> & {
  named: readonly NamedOption[];
}) {
  const options = named.map((o) => ({
    value: o.value,
    label: o.muted ? `${o.text} · ${o.muted}` : o.text,
    search: o.search,
    named: o,
  }));
  const chosen =
    typeof props.value === 'string' ? named.find((o) => o.value === props.value) : null;
  // A chosen record not (yet) among the options: antd would show and announce its id.
  if (typeof props.value === 'string' && !chosen)
    options.push({
      value: props.value,
      label: '',
      search: '',
      named: { value: props.value, text: '' },
    });
  return (
    <Select<string, NamedSelectOption>
      {...props}
      // Not in SelectProps' type; rc-select passes it to its root element.
      {...{ lang: chosen?.lang }}
      options={options}
      optionRender={({ data }) => (
        <span>
          <span lang={data.named.lang}>{data.named.text}</span>
          {data.named.muted ? <span className="bh-crm-muted"> · {data.named.muted}</span> : null}
        </span>
      )}
    />
  );
}
