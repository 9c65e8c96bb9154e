import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { scanProfilesStore, useScanProfiles } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { BUTTON, cx, POLITE } from '../../../ui/html.js';
import { COL } from '../jobs/attrs.js';
import j from '../jobs/Jobs.module.css';
import { DeleteProfileDialog } from './DeleteProfileDialog.js';
import { ProfileEditor } from './ProfileEditor.js';
import { DeviceName, PageSizeName, useProfileNames } from './ProfileText.js';
import s from './ScanProfiles.module.css';

/**
 * The station's saved scan profiles: each one's scanner, source, colour mode, resolution and page
 * size, which one new jobs start from, and adding, changing, deleting (after asking) and choosing
 * the default. The profiles belong to this station (its settings), not to the operator's browser.
 */
export function ScanProfilesView() {
  const { t } = useTranslation();
  const id = useId();
  const profiles = useScanProfiles((st) => st.profiles);
  const loaded = useScanProfiles((st) => st.loaded);
  const error = useScanProfiles((st) => st.error);
  const scanners = useScanProfiles((st) => st.scanners);
  const busy = useScanProfiles((st) => st.busy);
  const actionError = useScanProfiles((st) => st.actionError);
  const notice = useScanProfiles((st) => st.notice);
  const editing = useScanProfiles((st) => st.draft !== null);
  const removing = useScanProfiles((st) => st.removing !== null);
  const { startNew, startEdit, askDelete, setDefault } = scanProfilesStore.getState();

  useEffect(() => {
    scanProfilesStore.getState().open();
  }, []);

  const { sourceNames, modeNames } = useProfileNames();
  const current = profiles.find((p) => p.isDefault);

  return (
    <section className={j.section} aria-labelledby={`${id}-title`} data-testid={TID.scanProfiles}>
      <header className={j.header}>
        <h1 className={j.title} id={`${id}-title`}>
          {t(($) => $.operator.profiles.title)}
        </h1>
        <button
          type={BUTTON}
          className={cx(j.tool, j.toolPrimary)}
          data-testid={TID.scanProfilesAdd}
          onClick={startNew}
        >
          {t(($) => $.operator.profiles.add)}
        </button>
      </header>
      <p className={j.muted}>{t(($) => $.operator.profiles.intro)}</p>
      {notice && (
        <output className={s.notice} aria-live={POLITE} data-testid={TID.scanProfilesNotice}>
          {t(($) => $.operator.profiles.notice[notice.kind], { name: notice.name })}
        </output>
      )}
      {error && <ErrorMessage error={error} testId={TID.scanProfilesError} />}
      {actionError && <ErrorMessage error={actionError} testId={TID.scanProfileActionError} />}
      {!loaded && !error && (
        <output className={j.muted} aria-live={POLITE}>
          {t(($) => $.operator.profiles.loading)}
        </output>
      )}
      {loaded && profiles.length === 0 && (
        <div className={j.empty} data-testid={TID.scanProfilesEmpty}>
          <p className={j.emptyTitle}>{t(($) => $.operator.profiles.empty.title)}</p>
          <p className={j.emptyHint}>{t(($) => $.operator.profiles.empty.hint)}</p>
        </div>
      )}
      {profiles.length > 0 && (
        <>
          <p data-testid={TID.scanProfilesDefault}>
            {current
              ? t(($) => $.operator.profiles.defaultIs, { name: current.name })
              : t(($) => $.operator.profiles.noDefault)}
          </p>
          <div className={s.tableWrap}>
            <table className={j.table}>
              <thead>
                <tr>
                  <th scope={COL}>{t(($) => $.operator.profiles.column.name)}</th>
                  <th scope={COL}>{t(($) => $.operator.jobs.profile.device)}</th>
                  <th scope={COL}>{t(($) => $.operator.jobs.profile.source)}</th>
                  <th scope={COL}>{t(($) => $.operator.jobs.profile.mode)}</th>
                  <th scope={COL}>{t(($) => $.operator.jobs.profile.resolution)}</th>
                  <th scope={COL}>{t(($) => $.operator.jobs.profile.pageSize)}</th>
                  <th scope={COL}>{t(($) => $.operator.profiles.column.default)}</th>
                  <th scope={COL}>{t(($) => $.operator.profiles.column.actions)}</th>
                </tr>
              </thead>
              <tbody>
                {profiles.map((p) => {
                  const nameId = `${id}-name-${p.id}`;
                  return (
                    <tr
                      key={p.id}
                      data-testid={TID.scanProfileRow}
                      data-profile-id={p.id}
                      data-default={p.isDefault}
                    >
                      <td className={s.name} id={nameId}>
                        {p.name}
                      </td>
                      <td>
                        <DeviceName device={p.profile.device} scanners={scanners} />
                      </td>
                      <td>{sourceNames[p.profile.source]}</td>
                      <td>{modeNames[p.profile.mode]}</td>
                      <td className={j.num}>
                        {t(($) => $.operator.jobs.profile.dpi, { value: String(p.profile.resolution) })}
                      </td>
                      <td>
                        <PageSizeName pageSize={p.profile.pageSize} />
                      </td>
                      <td>
                        {p.isDefault ? (
                          <span className={s.defaultMark} data-testid={TID.scanProfileDefaultMark}>
                            {t(($) => $.operator.profiles.isDefault)}
                          </span>
                        ) : (
                          <span className={j.muted}>{'—'}</span>
                        )}
                      </td>
                      <td>
                        <div className={s.rowActions}>
                          <button
                            type={BUTTON}
                            className={j.tool}
                            aria-describedby={nameId}
                            data-testid={TID.scanProfileEdit}
                            onClick={() => startEdit(p.id)}
                          >
                            {t(($) => $.operator.profiles.edit)}
                          </button>
                          {p.isDefault ? (
                            <button
                              type={BUTTON}
                              className={j.tool}
                              disabled={busy}
                              aria-describedby={nameId}
                              data-testid={TID.scanProfileClearDefault}
                              onClick={() => void setDefault(null)}
                            >
                              {t(($) => $.operator.profiles.clearDefault)}
                            </button>
                          ) : (
                            <button
                              type={BUTTON}
                              className={j.tool}
                              disabled={busy}
                              aria-describedby={nameId}
                              data-testid={TID.scanProfileMakeDefault}
                              onClick={() => void setDefault(p.id)}
                            >
                              {t(($) => $.operator.profiles.makeDefault)}
                            </button>
                          )}
                          <button
                            type={BUTTON}
                            className={cx(j.tool, j.toolDanger)}
                            aria-describedby={nameId}
                            data-testid={TID.scanProfileDelete}
                            onClick={() => askDelete(p.id)}
                          >
                            {t(($) => $.operator.profiles.delete)}
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      {editing && <ProfileEditor />}
      {removing && <DeleteProfileDialog />}
    </section>
  );
}
