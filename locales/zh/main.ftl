### Approdo Milano 网站界面——中文译本（源语言：意大利语）。
### 这里的每个键也必须在其他语言中存在；变量（{ $name }）保持不变。

## 网站信息
site-name = Approdo Milano
site-tagline = 为在米兰团聚的家庭提供实用信息
site-description = 米兰家庭团聚实用指南：文件、孩子上学和钱的事，提供六种语言版本。

## 导航
skip-link = 跳到主要内容
nav-main-label = 网站栏目
nav-language-label = 语言
breadcrumb-label = 当前位置
breadcrumb-home = 首页
home-sections-heading = 本站内容
section-pages-heading = 本栏目的指南
# $count：本栏目中指南的数量
section-pages-count = { $count ->
   *[other] { $count } 篇指南
}

## 页面
# $date：最后更新的日期，已经格式化
page-updated = 更新于 { $date }
# $language：所显示文本使用的语言名称（例如“Italiano”）
fallback-notice = 本指南还没有中文版本。下面显示的是 { $language } 版本。
# $current：当前步骤的编号；$total：步骤总数
step-of = 第 { $current } 步，共 { $total } 步
step-previous = 上一步
step-next = 下一步

## 每个页面上的提示
notice-general-title = 一般信息
notice-general = 这些是一般性信息，规定可能会有变化。提交申请之前，请务必向主管部门核实。
footer-about = Approdo Milano 用简单易懂的语言整理公开信息。本站不是官方网站，不能代替政府部门。

## 页面未找到
notfound-title = 页面未找到
notfound-text = 您要找的页面不存在或已被移走。
notfound-home = 返回首页

## 选择语言（网站首页，/）
chooser-greeting = 欢迎
chooser-continue = 使用中文继续

## 日期和阅读时间
# 月份名称，用于日期
month-1 = 1
month-2 = 2
month-3 = 3
month-4 = 4
month-5 = 5
month-6 = 6
month-7 = 7
month-8 = 8
month-9 = 9
month-10 = 10
month-11 = 11
month-12 = 12
# 完整日期。$day：日；$month：月份名称；$monthnum：月份数字；$year：年
date-long = { $year }年{ $month }月{ $day }日
# $minutes：预计阅读时间（分钟）
reading-time = 阅读时间约 { $minutes } 分钟

## 指南结构
toc-heading = 本页内容
steps-nav-label = 办理流程一步一步看
step-current = （您在这里）

## 数据和联系卡片
figures-caption = 根据米兰市政府与省政府协议签发的家庭团聚 Nulla Osta
figures-period = 时间段
figures-applicants = 申请人
figures-members = 已团聚的家庭成员
figures-applicants-month = 每月申请人（平均）
figures-members-month = 每月家庭成员（平均）
figures-period-2018 = 2018年8月至12月
figures-period-2019 = 2019年1月至9月
figures-period-total = 合计（2018年8月至2019年9月）
figures-chart-title = 各时间段的申请人和已团聚的家庭成员
figures-chart-desc = 横向条形图：每个时间段有两条横条，一条表示申请人，一条表示已团聚的家庭成员。
figures-source = 来源：米兰市政府（Comune di Milano）公布的根据市政府与米兰省政府协议签发的 Nulla Osta 数据。
contact-website = 官方网站
contact-phone = 电话
glossary-link = 有看不懂的意大利语词语？请看词汇表。

## Search
search-label = 搜索指南
search-button = 搜索
search-title = 搜索指南
search-intro = 请输入一个或多个词，例如“居留许可”或“入学”。下方按字母顺序列出了所有指南。
search-az-title = 全部指南（按拼音排序）
search-results = { $count ->
    [0] 没有找到相关指南。请换一个词，或查看下方的全部指南。
   *[other] 找到 { $count } 篇指南
}

## Offline reading and "my journey" (app.js): shown only where scripts and service workers run.
app-short-name = Approdo
offline-heading = 离线阅读
offline-intro = 您可以把指南保存在这部手机上，没有网络时也能阅读，例如在省政府（Prefettura）的等候室里。下载之前，我们会告诉您需要多少流量。
offline-save-guide = 保存本指南：{ $guide }
offline-save-all = 保存全部{ $language }指南
offline-size = 需要下载：
offline-download = 下载
offline-cancel = 取消
offline-saving = 正在保存…
offline-saved = 已保存。这些页面现在没有网络也能打开。
offline-failed = 保存失败。请检查网络连接后重试。
offline-updated = 已保存的页面已经更新。请重新加载页面，阅读新版本。
offline-title = 您目前没有网络连接
offline-text = 这个页面没有保存在这部手机上。恢复网络后即可打开。
offline-saved-heading = 已保存在这部手机上的页面
offline-saved-none = 您还没有保存任何页面。
journey-step-done = 我已完成这一步
journey-done = 已完成
journey-privacy = 您的勾选只保存在这部手机上，绝不会发送给任何人。
journey-clear = 清除我的进度
journey-cleared = 您的进度已清除。
print-checklist = 打印这份清单
