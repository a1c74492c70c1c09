Hello ${customer.firstName!"there"},

Here is what we think you will like, based on what you bought and looked at.

<#list recommendations as item>
- ${item.name!item.id}<#if item.price??> (${fmt.price(item.price)})</#if>: ${item.url}
</#list>

Unsubscribe: ${links.unsubscribe}
