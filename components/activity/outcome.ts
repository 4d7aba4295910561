import type { BadgeTone } from "@/components/ui/badge";
import type { ActivityOutcome } from "@/lib/schemas/audit";

/** How each outcome reads on the Activity page (table and filter alike). */
export const OUTCOME_LABEL: Record<ActivityOutcome, string> = {
  succeeded: "Succeeded", failed: "Failed", denied: "Denied", unknown: "Outcome unknown",
};

export const OUTCOME_TONE: Record<ActivityOutcome, BadgeTone> = {
  succeeded: "success", failed: "danger", denied: "warning", unknown: "neutral",
};
