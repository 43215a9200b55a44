// Thai messages of the waste bank: materials, prices, deposits, plastic credit, collectors, sales and reports.
// th.ts spreads them into the one dictionary.

export const waste = {
  "error.no_depositors":
    "ในปีบัญชีนี้ไม่มีสมาชิกคนใดฝากขยะรีไซเคิล จึงไม่มีผู้ได้รับเงินเฉลี่ยคืน กรุณาตรวจปี พ.ศ. และตรวจว่าบันทึกหรือนำเข้ารายการฝากแล้ว",
  "error.patronage_pool_not_positive":
    "เงินเฉลี่ยคืนรวมต้องมากกว่าศูนย์ กรุณาใส่จำนวนเงินที่จะเฉลี่ยคืน หรือเว้นว่างหากไม่มีการเฉลี่ยคืน",
} as const;
