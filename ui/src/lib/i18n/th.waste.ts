// Thai messages of the waste bank: materials, prices, deposits, plastic credit, collectors, sales and reports.
// th.ts spreads them into the one dictionary.

export const waste = {
  "error.no_depositors":
    "ในปีบัญชีนี้ไม่มีสมาชิกคนใดฝากขยะรีไซเคิล จึงไม่มีผู้ได้รับเงินเฉลี่ยคืน กรุณาตรวจปี พ.ศ. และตรวจว่าบันทึกหรือนำเข้ารายการฝากแล้ว",
  "error.patronage_pool_not_positive":
    "เงินเฉลี่ยคืนรวมต้องมากกว่าศูนย์ กรุณาใส่จำนวนเงินที่จะเฉลี่ยคืน หรือเว้นว่างหากไม่มีการเฉลี่ยคืน",
  "error.invalid_patronage_pool": "อ่านจำนวนเงินเฉลี่ยคืนไม่ได้ กรุณาใส่เป็นบาท เช่น 5000 หรือ 5,000.50",
  "error.invalid_mapping": "การจับคู่ชื่อวัสดุต้องเขียนเป็น ชื่อ=รหัส เช่น ขวดใส=PET_CLEAR",
  "error.invalid_deposit_line":
    "รายการวัสดุต้องเขียนเป็น รหัสวัสดุ=น้ำหนัก หรือ รหัสวัสดุ=น้ำหนัก@ราคา เช่น PET_CLEAR=4.5@8",
  "error.community_missing": "ผู้ฝากที่ไม่ใช่สมาชิกต้องระบุชุมชนของจุดรับขยะด้วย กรุณาเลือกชุมชน",
  "problem.deposit_repeated":
    "แถวนี้ซ้ำกับแถวก่อนหน้าทุกช่อง นำเข้าแล้ว กรุณาตรวจสอบว่าไม่ได้บันทึกการฝากเดียวกันสองครั้ง",
} as const;
