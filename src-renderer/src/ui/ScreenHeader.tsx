import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The one <h1> of a screen, its subtitle, and the window title. */
export function ScreenHeader({
  title,
  subtitle,
  extra,
}: {
  title: string;
  subtitle: string;
  extra?: ReactNode;
}) {
  const { t } = useTranslation('common');
  const appName = t('appName');
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);

  return (
    <header className="bh-screen-header">
      <div className="bh-screen-heading">
        <h1 className="bh-screen-title">{title}</h1>
        <p className="bh-screen-subtitle">{subtitle}</p>
      </div>
      {extra}
    </header>
  );
}
