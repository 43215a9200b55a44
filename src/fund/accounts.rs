//! The chart of accounts: the codes the journal posts to, with their Thai
//! and English names as the migration stores them.

use rusqlite::Connection;
use serde::Serialize;

use crate::Result;

/// เงินสด: cash in the office.
pub const CASH: &str = "1101";
/// เงินฝากธนาคาร: the fund's bank accounts.
pub const BANK: &str = "1102";
/// ลูกหนี้เงินกู้: principal that borrowers owe.
pub const LOANS_RECEIVABLE: &str = "1201";
/// เงินฝากออมทรัพย์ของสมาชิก: what the fund owes savers.
pub const MEMBERS_SAVINGS: &str = "2101";
/// เครดิตพลาสติกค้างจ่าย: deposit value kept as members' plastic credit.
pub const PLASTIC_CREDIT_PAYABLE: &str = "2201";
/// เงินปันผลและเงินเฉลี่ยคืนค้างจ่าย: approved dividends not yet paid.
pub const DIVIDENDS_PAYABLE: &str = "2301";
/// เงินมัดจำยืมอุปกรณ์รับไว้: deposits left for equipment borrowed through
/// the exchange, owed back at the return.
pub const EQUIPMENT_DEPOSITS_HELD: &str = "2401";
/// ทุนเรือนหุ้น: members' shares at the price paid.
pub const SHARE_CAPITAL: &str = "3101";
/// ทุนสะสม: surplus of the years closed, less dividends declared.
pub const ACCUMULATED_SURPLUS: &str = "3201";
/// ยอดยกมาเมื่อเริ่มใช้ระบบ: the other side of balances brought forward.
pub const OPENING_BALANCES: &str = "3301";
/// รายได้ดอกเบี้ยเงินกู้.
pub const LOAN_INTEREST_INCOME: &str = "4101";
/// รายได้ค่าปรับชำระล่าช้า.
pub const PENALTY_INCOME: &str = "4102";
/// รายได้จากการขายวัสดุรีไซเคิล.
pub const RECYCLABLES_SALES: &str = "4201";
/// รายได้ค่าธรรมเนียมยืมอุปกรณ์: loan fees, and deposits kept at a return.
pub const EQUIPMENT_FEE_INCOME: &str = "4301";
/// รายได้จากการขายอุปกรณ์: equipment sold between communities.
pub const EQUIPMENT_SALES: &str = "4302";
/// รายได้อื่น.
pub const OTHER_INCOME: &str = "4901";
/// ดอกเบี้ยเงินฝากออมทรัพย์จ่าย.
pub const SAVINGS_INTEREST_EXPENSE: &str = "5101";
/// ค่ารับซื้อวัสดุรีไซเคิล: deposit value paid in cash or credit.
pub const RECYCLABLES_BOUGHT: &str = "5201";
/// ค่าตอบแทนผู้เก็บขยะ.
pub const COLLECTOR_PAY: &str = "5202";
/// หนี้สูญ.
pub const BAD_DEBTS: &str = "5301";
/// ค่าใช้จ่ายอื่น.
pub const OTHER_EXPENSES: &str = "5901";

/// The class of an account, which decides its normal side and whether the
/// fiscal-year close zeroes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountKind {
    /// Something the fund owns or is owed.
    Asset,
    /// Something the fund owes.
    Liability,
    /// Members' capital and the fund's own surplus.
    Equity,
    /// Earnings of the year.
    Income,
    /// Costs of the year.
    Expense,
}

impl AccountKind {
    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<AccountKind> {
        match text {
            "asset" => Some(AccountKind::Asset),
            "liability" => Some(AccountKind::Liability),
            "equity" => Some(AccountKind::Equity),
            "income" => Some(AccountKind::Income),
            "expense" => Some(AccountKind::Expense),
            _ => None,
        }
    }

    /// Whether a balance of this kind normally sits on the debit side.
    pub fn is_debit_normal(self) -> bool {
        matches!(self, AccountKind::Asset | AccountKind::Expense)
    }

    /// Whether the fiscal-year close carries the balance into the
    /// accumulated surplus.
    pub fn is_nominal(self) -> bool {
        matches!(self, AccountKind::Income | AccountKind::Expense)
    }
}

/// An account of the chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    /// Four-digit code, such as "1101".
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Class.
    pub kind: AccountKind,
}

/// Lists the chart of accounts in its order.
pub fn list_accounts(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt =
        conn.prepare("SELECT code, name_th, name_en, kind FROM accounts ORDER BY sort_order")?;
    let rows = stmt.query_map([], |row| {
        let kind: String = row.get(3)?;
        Ok(Account {
            code: row.get(0)?,
            name_th: row.get(1)?,
            name_en: row.get(2)?,
            kind: AccountKind::parse(&kind).unwrap_or(AccountKind::Asset),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where money comes from or goes to: the cash box or the bank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// Cash in the office.
    #[default]
    Cash,
    /// The fund's bank account.
    Bank,
}

impl Via {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Cash => "cash",
            Via::Bank => "bank",
        }
    }

    /// Reads a stored name; anything but "bank" is cash.
    pub fn parse(text: &str) -> Via {
        if text == "bank" {
            Via::Bank
        } else {
            Via::Cash
        }
    }

    /// The account the money moves through.
    pub fn account(self) -> &'static str {
        match self {
            Via::Cash => CASH,
            Via::Bank => BANK,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_holds_every_code_constant() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let codes: Vec<String> = list_accounts(&conn)?.into_iter().map(|a| a.code).collect();

        let constants = [
            CASH,
            BANK,
            LOANS_RECEIVABLE,
            MEMBERS_SAVINGS,
            PLASTIC_CREDIT_PAYABLE,
            DIVIDENDS_PAYABLE,
            EQUIPMENT_DEPOSITS_HELD,
            SHARE_CAPITAL,
            ACCUMULATED_SURPLUS,
            OPENING_BALANCES,
            LOAN_INTEREST_INCOME,
            PENALTY_INCOME,
            RECYCLABLES_SALES,
            EQUIPMENT_FEE_INCOME,
            EQUIPMENT_SALES,
            OTHER_INCOME,
            SAVINGS_INTEREST_EXPENSE,
            RECYCLABLES_BOUGHT,
            COLLECTOR_PAY,
            BAD_DEBTS,
            OTHER_EXPENSES,
        ];
        for code in constants {
            assert!(codes.iter().any(|c| c == code), "{code} is in the chart");
        }
        assert_eq!(
            codes.len(),
            constants.len(),
            "no account without a constant"
        );
        Ok(())
    }

    #[test]
    fn accounts_have_thai_names() -> Result<()> {
        let conn = crate::db::open_in_memory()?;

        let accounts = list_accounts(&conn)?;

        let cash = accounts.iter().find(|a| a.code == CASH);
        assert_eq!(cash.map(|a| a.name_th.as_str()), Some("เงินสด"));
        Ok(())
    }
}
