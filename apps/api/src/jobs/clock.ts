import { Injectable } from '@nestjs/common';

/**
 * The time as the workflow sees it (expiry, re-reviews, reminders). Tests move it forward instead of
 * waiting; in production it is the system clock.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test helper: makes `now()` return this moment (and let time run on from there). */
  travelTo(moment: Date): void {
    this.offsetMs = moment.getTime() - Date.now();
  }
}
