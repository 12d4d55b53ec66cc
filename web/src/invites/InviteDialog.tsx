import { useMemo, useState } from 'react';
import type { Invite } from '../api/types.generated';
import { useServices } from '../core/services';
import { INVITE_CHANNELS_MAX } from '../limits';
import { useSidebar } from '../sidebar/SidebarProvider';
import { FormDialog } from '../ui/FormDialog';
import { useSubmit } from '../ui/useSubmit';
import { createInvite } from './api';
import { emailProblem, invitableChannels } from './invitable';
import { PlaceIcon } from '../ui/PlaceIcon';

/**
 * Invites someone by email as a guest: an address and some of the inviter's channels (#general
 * always comes with it). The server mails the link; the app never sees it.
 */
export function InviteDialog({ onClose }: { onClose: () => void }) {
  const { api } = useServices();
  const { sidebar } = useSidebar();
  const channels = useMemo(() => invitableChannels(sidebar?.channels ?? []), [sidebar]);
  const [email, setEmail] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [touched, setTouched] = useState(false);
  const sending = useSubmit();
  const [sent, setSent] = useState<Invite | null>(null);

  const problem =
    emailProblem(email) ??
    (picked.size > INVITE_CHANNELS_MAX ? `Pick at most ${INVITE_CHANNELS_MAX} channels.` : null);

  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = () => {
    setTouched(true);
    if (problem) return;
    sending.run(async () => {
      setSent(await createInvite(api, { email: email.trim(), channelIDs: [...picked] }));
      setEmail('');
      setPicked(new Set());
      setTouched(false);
    });
  };

  return (
    <FormDialog
      title="Invite people"
      testId="invite-dialog"
      onClose={onClose}
      onSubmit={submit}
      submitting={sending}
      submitLabel={sending.busy ? 'Sending…' : 'Send invite'}
      submitTestId="invite-submit"
      errorTestId="invite-error"
      cancelLabel={sent ? 'Done' : 'Cancel'}
    >
      {sent && (
        <p className="form-notice" role="status" data-testid="invite-sent">
          Invite sent to {sent.email}. The link works once, for 72 hours.
        </p>
      )}
      <label className="field-label">
        Email address
        <input
          className="text-input"
          type="email"
          autoComplete="off"
          data-testid="invite-email"
          placeholder="name@example.com"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            setSent(null);
          }}
        />
      </label>
      {touched && problem && (
        <p className="field-error" data-testid="invite-problem">
          {problem}
        </p>
      )}
      <fieldset className="field-choice invite-channels">
        <legend className="field-label">Channels</legend>
        <p className="muted">They join #general and the channels you pick. They will be a guest.</p>
        {channels.length === 0 && <p className="muted">You are in no other channels yet.</p>}
        {channels.map((channel) => (
          <label key={channel.id}>
            <input
              type="checkbox"
              data-testid="invite-channel"
              data-channel-name={channel.name}
              checked={picked.has(channel.id)}
              onChange={() => toggle(channel.id)}
            />{' '}
            <PlaceIcon kind={channel.type} size={14} />
            {channel.name}
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}
