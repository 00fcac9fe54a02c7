// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessReason } from '@shared/audit';
import type { Language } from '@shared/i18n/languages';
import { createI18n } from '../../../src-renderer/src/i18n';
import { useReasonPrompt } from '../../../src-renderer/src/features/audit';

async function renderPrompt(language: Language) {
  const i18n = await createI18n({ language });
  const answers: (AccessReason | null)[] = [];
  function Harness() {
    const { ask, prompt } = useReasonPrompt();
    return (
      <>
        <button
          onClick={() =>
            void ask({ action: 'export', object: 'buyers', format: 'csv', count: 12 }).then((r) =>
              answers.push(r),
            )
          }
        >
          go
        </button>
        {prompt}
      </>
    );
  }
  render(
    <I18nextProvider i18n={i18n}>
      <Harness />
    </I18nextProvider>,
  );
  return { answers, i18n };
}

describe('the reason prompt of exports and prints', () => {
  afterEach(cleanup);

  it("asks in the person's language and resolves with the chosen reason and note", async () => {
    const { answers } = await renderPrompt('ko');
    fireEvent.click(screen.getByText('go'));
    expect(await screen.findByText('이 자료를 내보내는 이유는 무엇입니까?')).toBeTruthy();
    expect(screen.getByText(/사람·업체 12건/)).toBeTruthy();
    // Nothing chosen: the prompt stays and says so.
    fireEvent.click(screen.getByTestId('reason-ok'));
    expect(await screen.findByText('이유를 선택하거나 취소하세요.')).toBeTruthy();
    expect(answers).toEqual([]);
    fireEvent.click(screen.getByText('상담·방문 준비'));
    fireEvent.change(screen.getByTestId('reason-note'), { target: { value: ' 오사카 박람회 ' } });
    await act(async () => fireEvent.click(screen.getByTestId('reason-ok')));
    await waitFor(() => expect(answers).toEqual([{ code: 'meeting_prep', note: '오사카 박람회' }]));
  });

  it('needs a note for "other", and cancel means no export', async () => {
    const { answers } = await renderPrompt('en');
    fireEvent.click(screen.getByText('go'));
    fireEvent.click(await screen.findByText('Other (describe below)'));
    fireEvent.click(screen.getByTestId('reason-ok'));
    expect(await screen.findByText('Describe the reason in a few words.')).toBeTruthy();
    expect(answers).toEqual([]);
    await act(async () => fireEvent.click(screen.getByText('Cancel')));
    await waitFor(() => expect(answers).toEqual([null]));
  });
});
