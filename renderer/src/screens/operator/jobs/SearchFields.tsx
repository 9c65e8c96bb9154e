import { type KeyboardEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TID } from '../../../testids.js';
import { BUTTON, OFF, TEXT } from '../../../ui/html.js';
import { ENTER_KEY } from './attrs.js';
import s from './Jobs.module.css';

/**
 * "Search by title or author": two fields and a button that runs another lookup. Not a form of
 * its own (it sits inside the new job's form), so Enter in a field runs the search, not the create.
 */
export function SearchFields(props: {
  title: string;
  author: string;
  disabled?: boolean;
  onChange: (patch: { title?: string; author?: string }) => void;
  onSearch: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { title, author, disabled, onChange, onSearch } = props;
  const enter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== ENTER_KEY) return;
    e.preventDefault();
    onSearch();
  };
  return (
    <fieldset className={s.panel}>
      <legend>{t(($) => $.operator.catalog.search.title)}</legend>
      <label className={s.field} htmlFor={`${id}-title`}>
        <span className={s.fieldLabel}>{t(($) => $.operator.catalog.search.titleField)}</span>
        <input
          id={`${id}-title`}
          className={s.input}
          type={TEXT}
          autoComplete={OFF}
          value={title}
          disabled={disabled}
          data-testid={TID.catalogSearchTitle}
          onChange={(e) => onChange({ title: e.target.value })}
          onKeyDown={enter}
        />
      </label>
      <label className={s.field} htmlFor={`${id}-author`}>
        <span className={s.fieldLabel}>{t(($) => $.operator.catalog.search.authorField)}</span>
        <input
          id={`${id}-author`}
          className={s.input}
          type={TEXT}
          autoComplete={OFF}
          value={author}
          disabled={disabled}
          data-testid={TID.catalogSearchAuthor}
          onChange={(e) => onChange({ author: e.target.value })}
          onKeyDown={enter}
        />
      </label>
      <div className={s.toolbar}>
        <button
          type={BUTTON}
          className={s.tool}
          disabled={disabled || (!title.trim() && !author.trim())}
          data-testid={TID.catalogSearchRun}
          onClick={onSearch}
        >
          {t(($) => $.operator.catalog.search.run)}
        </button>
      </div>
    </fieldset>
  );
}
