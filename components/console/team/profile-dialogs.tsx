"use client";

import * as React from "react";
import type { Resolver } from "react-hook-form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { ROLE_LABELS } from "@/server/auth/permissions";
import {
  addCertificationSchema,
  addTrainingSchema,
  AVAILABILITIES,
  AVAILABILITY_HINTS,
  AVAILABILITY_LABELS,
  saveProfileSchema,
  setStaffSkillSchema,
  SKILL_LEVEL_LABELS,
  SKILL_LEVELS,
  updateCertificationSchema,
} from "@/server/modules/staff/schema";
import { checkWith } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import type { StaffDetail } from "./types";

// The profile page's forms. Each validates with the staff module's own zod schema; the server
// validates again and its field errors land on the same fields.

type DialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

/**
 * One profile form: starts again from `initial` each time the dialog opens; on submit `save`
 * runs and returns what the toast says, the staff lists are refreshed and the dialog closes; the
 * server's field errors land on the fields.
 */
function useStaffForm<V extends Record<string, unknown>>({
  open,
  onOpenChange,
  initial,
  resolver,
  save,
}: DialogProps & { initial: V; resolver: Resolver<V>; save: (values: V) => Promise<string> }) {
  const trpc = useTRPC();
  const form = useDialogForm<V>(open, () => initial, { resolver });
  const onSubmit = useSaveSubmit(form, {
    save,
    refresh: [trpc.staff.pathFilter(), trpc.shifts.pathFilter()],
    saved: (_, said) => said,
    done: () => onOpenChange(false),
  });
  return { form, onSubmit, errors: form.formState.errors };
}

// ─── Profile ────────────────────────────────────────────────────────────────────────────────

type ProfileValues = {
  title: string;
  phone: string;
  areas: string;
  availability: (typeof AVAILABILITIES)[number];
  maxOpenTickets: string;
  teamLeadId: string;
};

function profileValues(d: StaffDetail): ProfileValues {
  const p = d.profile;
  return {
    title: p?.title ?? "",
    phone: p?.phone ?? "",
    areas: p?.areas.join(", ") ?? "",
    availability: p?.availability ?? "AVAILABLE",
    maxOpenTickets: String(p?.maxOpenTickets ?? 10),
    teamLeadId: p?.teamLead?.id ?? "",
  };
}

export function ProfileFormDialog({ open, onOpenChange, detail }: DialogProps & { detail: StaffDetail }) {
  const trpc = useTRPC();
  const userId = detail.user.id;
  const initial = React.useMemo(() => profileValues(detail), [detail]);
  const save = useMutation(trpc.staff.saveProfile.mutationOptions());
  const { form, onSubmit, errors } = useStaffForm<ProfileValues>({
    open,
    onOpenChange,
    initial,
    resolver: checkWith(saveProfileSchema, () => ({ userId })),
    save: async (values) => {
      await save.mutateAsync({ userId, ...values, teamLeadId: values.teamLeadId || null });
      return `${detail.user.name}'s profile is saved`;
    },
  });
  const leads = useQuery({ ...trpc.staff.options.queryOptions(), enabled: open });
  const availability = form.watch("availability");

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      className="max-w-2xl"
      title={detail.profile ? `Edit ${detail.user.name}'s profile` : `Set up ${detail.user.name}'s profile`}
      description="Routing uses availability, coverage areas and the open-ticket limit to choose who gets a new ticket."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={save.isPending}
      submitLabel="Save profile"
    >
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField label="Job title" error={errors.title?.message}>
          <Input placeholder="Field technician" {...form.register("title")} />
        </FormField>
        <FormField label="Phone" error={errors.phone?.message}>
          <Input type="tel" autoComplete="off" placeholder="+254 700 000 000" {...form.register("phone")} />
        </FormField>
      </div>
      <FormField
        label="Coverage areas"
        error={errors.areas?.message}
        description="Separate with commas, e.g. Kilimani, Westlands. Field tickets in these areas go to this person first."
      >
        <Input {...form.register("areas")} />
      </FormField>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField
          label="Availability"
          error={errors.availability?.message}
          description={AVAILABILITY_HINTS[availability]}
          required
        >
          <NativeSelect {...form.register("availability")}>
            {AVAILABILITIES.map((a) => (
              <option key={a} value={a}>
                {AVAILABILITY_LABELS[a]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label="Most open tickets"
          error={errors.maxOpenTickets?.message}
          description="Above this, routing treats the person as overloaded."
          required
        >
          <Input type="number" inputMode="numeric" min={1} max={500} {...form.register("maxOpenTickets")} />
        </FormField>
      </div>
      <FormField
        label="Team lead"
        error={errors.teamLeadId?.message}
        description="Hears about this person's expiring certificates and escalations."
      >
        <NativeSelect {...form.register("teamLeadId")} disabled={leads.isPending}>
          <option value="">No team lead</option>
          {(leads.data ?? [])
            .filter((u) => u.id !== userId)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} · {ROLE_LABELS[u.role]}
              </option>
            ))}
        </NativeSelect>
      </FormField>
    </FormDialog>
  );
}

// ─── A skill of the person ──────────────────────────────────────────────────────────────────

type SkillValues = { skillId: string; level: string };

export function StaffSkillDialog({
  open,
  onOpenChange,
  detail,
  editing,
}: DialogProps & { detail: StaffDetail; editing: { skillId: string; name: string; level: number } | null }) {
  const trpc = useTRPC();
  const userId = detail.user.id;
  const initial = React.useMemo<SkillValues>(
    () => ({ skillId: editing?.skillId ?? "", level: String(editing?.level ?? 3) }),
    [editing],
  );
  const save = useMutation(trpc.staff.setSkill.mutationOptions());
  const { form, onSubmit, errors } = useStaffForm<SkillValues>({
    open,
    onOpenChange,
    initial,
    resolver: checkWith(setStaffSkillSchema, () => ({ userId })),
    save: async (values) => {
      const saved = await save.mutateAsync({ userId, skillId: values.skillId, level: Number(values.level) });
      return `${saved.name}: level ${saved.level}`;
    },
  });
  const catalogue = useQuery({ ...trpc.staff.skills.queryOptions(), enabled: open && !editing });
  const has = new Set(detail.skills.map((s) => s.skillId));
  const choices = (catalogue.data ?? []).filter((s) => !has.has(s.id));

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      className="sm:max-w-md"
      title={editing ? `${editing.name}: change level` : `Add a skill for ${detail.user.name}`}
      description="Tickets of categories that need a skill go to people who have it; higher levels are preferred."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={save.isPending}
      submitLabel={editing ? "Save level" : "Add skill"}
    >
      {editing ? null : (
        <FormField
          label="Skill"
          error={errors.skillId?.message}
          required
          description={
            catalogue.data && choices.length === 0
              ? "Every skill in the catalogue is already on this profile. Add new skills on the Skills page."
              : undefined
          }
        >
          <NativeSelect {...form.register("skillId")} disabled={catalogue.isPending}>
            <option value="">Choose a skill…</option>
            {choices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      )}
      <FormField label="Level" error={errors.level?.message} required>
        <NativeSelect {...form.register("level")}>
          {SKILL_LEVELS.map((l) => (
            <option key={l} value={l}>
              {SKILL_LEVEL_LABELS[l]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </FormDialog>
  );
}

// ─── Certificates ───────────────────────────────────────────────────────────────────────────

type CertValues = { name: string; issuer: string; number: string; issuedOn: string; expiresOn: string };
export type CertificationRow = StaffDetail["certifications"][number];

export function CertificationDialog({
  open,
  onOpenChange,
  detail,
  editing,
}: DialogProps & { detail: StaffDetail; editing: CertificationRow | null }) {
  const trpc = useTRPC();
  const userId = detail.user.id;
  const initial = React.useMemo<CertValues>(
    () => ({
      name: editing?.name ?? "",
      issuer: editing?.issuer ?? "",
      number: editing?.number ?? "",
      issuedOn: editing?.issuedOn ?? "",
      expiresOn: editing?.expiresOn ?? "",
    }),
    [editing],
  );
  const add = useMutation(trpc.staff.addCertification.mutationOptions());
  const update = useMutation(trpc.staff.updateCertification.mutationOptions());
  const { form, onSubmit, errors } = useStaffForm<CertValues>({
    open,
    onOpenChange,
    initial,
    resolver: checkWith(editing ? updateCertificationSchema : addCertificationSchema, () =>
      editing ? { id: editing.id } : { userId },
    ),
    save: async (values) => {
      const saved = editing
        ? await update.mutateAsync({ id: editing.id, ...values })
        : await add.mutateAsync({ userId, ...values });
      return `${saved.name} is saved`;
    },
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      className="max-w-lg"
      title={editing ? `Edit ${editing.name}` : `Add a certificate for ${detail.user.name}`}
      description={
        <>
          The holder and their team lead are reminded 30 and 7 days before it expires. Name a certificate after the
          skill it covers (e.g. &ldquo;Fibre splicing – FOA CFOT&rdquo;) and routing stops sending that skill&rsquo;s
          tickets to the holder once it has expired.
        </>
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={add.isPending || update.isPending}
      submitLabel={editing ? "Save certificate" : "Add certificate"}
    >
      <FormField label="Certificate" error={errors.name?.message} required>
        <Input placeholder="Fibre splicing – FOA CFOT" {...form.register("name")} />
      </FormField>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField label="Issuer" error={errors.issuer?.message}>
          <Input placeholder="Fiber Optic Association" {...form.register("issuer")} />
        </FormField>
        <FormField label="Certificate number" error={errors.number?.message}>
          <Input {...form.register("number")} />
        </FormField>
        <FormField label="Issued on" error={errors.issuedOn?.message}>
          <Input type="date" {...form.register("issuedOn")} />
        </FormField>
        <FormField label="Expires on" error={errors.expiresOn?.message} description="Leave empty if it never expires.">
          <Input type="date" {...form.register("expiresOn")} />
        </FormField>
      </div>
    </FormDialog>
  );
}

// ─── Training ───────────────────────────────────────────────────────────────────────────────

type TrainingValues = { course: string; provider: string; completedOn: string; hours: string; notes: string };
const EMPTY_TRAINING: TrainingValues = { course: "", provider: "", completedOn: "", hours: "", notes: "" };

export function TrainingDialog({ open, onOpenChange, detail }: DialogProps & { detail: StaffDetail }) {
  const trpc = useTRPC();
  const userId = detail.user.id;
  const add = useMutation(trpc.staff.addTraining.mutationOptions());
  const { form, onSubmit, errors } = useStaffForm<TrainingValues>({
    open,
    onOpenChange,
    initial: EMPTY_TRAINING,
    resolver: checkWith(addTrainingSchema, () => ({ userId })),
    save: async (values) => {
      const saved = await add.mutateAsync({ userId, ...values });
      return `${saved.course} is recorded`;
    },
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      className="max-w-lg"
      title={<>Record training for {detail.user.name}</>}
      description="Courses, workshops and vendor training the person has completed."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={add.isPending}
      submitLabel="Record training"
    >
      <FormField label="Course" error={errors.course?.message} required>
        <Input placeholder="OTDR testing" {...form.register("course")} />
      </FormField>
      <div className="grid items-start gap-4 sm:grid-cols-3">
        <FormField label="Provider" error={errors.provider?.message} className="sm:col-span-3">
          <Input {...form.register("provider")} />
        </FormField>
        <FormField label="Completed on" error={errors.completedOn?.message} required className="sm:col-span-2">
          <Input type="date" {...form.register("completedOn")} />
        </FormField>
        <FormField label="Hours" error={errors.hours?.message}>
          <Input type="number" inputMode="numeric" min={0} {...form.register("hours")} />
        </FormField>
      </div>
      <FormField label="Notes" error={errors.notes?.message}>
        <Textarea rows={3} {...form.register("notes")} />
      </FormField>
    </FormDialog>
  );
}
