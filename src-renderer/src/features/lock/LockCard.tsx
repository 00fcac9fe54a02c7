import { LockOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * The frame of the lock screen and the PIN setup: the whole window, a card with the
 * lock icon, the title, whom the laptop is linked for, the screen's own content and a
 * closing note. The window title names no one (useNeutralTitle in each screen).
 */
export function LockCard(props: {
  testId: string;
  toolbar?: ReactNode;
  title: string;
  who: string;
  note: string;
  children: ReactNode;
}) {
  return (
    <main className="bh-lock" data-testid={props.testId}>
      <Card className="bh-lock-card">
        {props.toolbar && <div className="bh-lock-toolbar">{props.toolbar}</div>}
        <div className="bh-lock-icon">
          <LockOutlined aria-hidden />
        </div>
        <h1 className="bh-lock-title">{props.title}</h1>
        <Typography.Paragraph className="bh-lock-who" data-testid="lock-who">
          {props.who}
        </Typography.Paragraph>
        {props.children}
        <Typography.Paragraph type="secondary" className="bh-lock-note">
          {props.note}
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
